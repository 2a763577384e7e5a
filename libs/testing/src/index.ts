export * from './mysql-test-database';
export * from './tcp-proxy';
