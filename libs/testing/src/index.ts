export * from './mysql-test-database';
