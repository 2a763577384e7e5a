export * from './temporal-cli';
export * from './temporal-dev-server';
export * from './ports';
export * from './smtp-sink';
export * from './node-process';
export * from './wait-for-http';
export * from './sink-messages';
