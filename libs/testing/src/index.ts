export * from './mysql-test-database';
export * from './tcp-proxy';
export * from './scripted-smtp-server';
export * from './private-mariadb';
