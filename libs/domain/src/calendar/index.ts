export * from './days';
export * from './working-calendar';
