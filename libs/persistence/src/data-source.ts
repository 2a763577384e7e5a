import * as fs from 'node:fs';
import * as path from 'node:path';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '@duban/config';
import { ENTITIES, MIGRATIONS } from './schema';

const common = {
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsTableName: 'schema_migrations',
  migrationsTransactionMode: 'each',
} as const;

/** Which server a mysql:// URL reaches; both use the same URLs and the same client. */
export type MysqlFlavor = 'mysql' | 'mariadb';

/**
 * Asks the server what it is. TypeORM reads MariaDB's catalog right only when told it is MariaDB
 * (MariaDB reports the default of a nullable column as the text `NULL`, which the MySQL reading
 * takes for a string default). When the server cannot be reached, the answer is `mysql`, and the
 * connection attempt that follows reports the real problem.
 */
export async function detectMysqlFlavor(url: string): Promise<MysqlFlavor> {
  let connection;
  try {
    connection = await createConnection({ uri: url, connectTimeout: 5_000 });
    const [rows] = await connection.query<RowDataPacket[]>('SELECT VERSION() AS version');
    return /mariadb/i.test(String(rows[0]?.['version'])) ? 'mariadb' : 'mysql';
  } catch {
    return 'mysql';
  } finally {
    await connection?.end().catch(() => undefined);
  }
}

export function dataSourceOptions(
  database: DatabaseConfig,
  flavor: MysqlFlavor = 'mysql',
): DataSourceOptions {
  switch (database.type) {
    case 'mysql':
      return {
        ...common,
        type: flavor,
        url: database.url,
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

/** Options for the configured database, after asking a MySQL-protocol server what it is. */
export async function resolveDataSourceOptions(
  database: DatabaseConfig,
): Promise<DataSourceOptions> {
  prepareDatabaseLocation(database);
  const flavor = database.type === 'mysql' ? await detectMysqlFlavor(database.url) : 'mysql';
  return dataSourceOptions(database, flavor);
}

export async function openDataSource(database: DatabaseConfig): Promise<DataSource> {
  return new DataSource(await resolveDataSourceOptions(database)).initialize();
}
