export * from './env';
export * from './duban-config.module';
export * from './boot';
