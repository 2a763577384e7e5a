import type { DataSource } from 'typeorm';
import { parseEnv } from '@duban/config';
import { migrateDatabase, openDataSource } from '@duban/persistence';

/**
 * Runs a command against the configured database (DATABASE_URL, else the embedded SQLite file),
 * migrated first so a fresh machine needs no separate step; migration progress, if there is any
 * to make, goes to stderr.
 */
export async function withDatabase<T>(run: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await openDataSource(parseEnv(process.env).database);
  try {
    if (await dataSource.showMigrations()) {
      await migrateDatabase(dataSource, (line) => console.error(line));
    }
    return await run(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
