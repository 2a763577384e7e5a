export * from './task-queues';
export * from './failures';
export * from './diagnostic';
