import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '@duban/config';
import { ENTITIES, MIGRATIONS } from './schema';

const common = {
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsTableName: 'schema_migrations',
  migrationsTransactionMode: 'each',
} as const;

export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  switch (database.type) {
    case 'mysql':
      return {
        ...common,
        type: database.flavor,
        url: database.url,
        // Sent in the handshake, so the session is utf8mb4 whatever the server's default; the
        // tables' character set is the migrations' business (ConvertToUtf8mb4).
        charset: 'utf8mb4_unicode_ci',
        timezone: 'Z',
        connectTimeout: 5_000,
      };
    case 'better-sqlite3':
      return {
        ...common,
        type: 'better-sqlite3',
        database: database.path,
        // The API and the worker share the file: WAL lets one write while the other reads,
        // and the busy timeout makes a writer wait instead of failing.
        timeout: 5_000,
        prepareDatabase: (db: { pragma(sql: string): unknown }) => {
          db.pragma('journal_mode = WAL');
          db.pragma('synchronous = NORMAL');
        },
      };
  }
}

/** Creates the directory of an embedded database file; the MySQL server needs nothing. */
export function prepareDatabaseLocation(database: DatabaseConfig): void {
  if (database.type === 'better-sqlite3')
    fs.mkdirSync(path.dirname(database.path), { recursive: true });
}

export async function openDataSource(database: DatabaseConfig): Promise<DataSource> {
  prepareDatabaseLocation(database);
  return new DataSource(dataSourceOptions(database)).initialize();
}
