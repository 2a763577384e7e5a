export * from './task-queues';
export * from './failures';
export * from './diagnostic';
export * from './supervision';
export * from './notifications';
