import type { DataSource } from 'typeorm';

/**
 * Applies every pending migration, each in its own transaction, and reports what it did.
 * Returns the names of the migrations applied by this call.
 */
export async function migrateDatabase(
  dataSource: DataSource,
  progress: (line: string) => void,
): Promise<string[]> {
  progress(`checking ${dataSource.migrations.length} migration(s) against the database…`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  applied.forEach((m, i) => progress(`[${i + 1}/${applied.length}] applied ${m.name}`));
  if (applied.length === 0) progress('database schema is up to date');
  return applied.map((m) => m.name);
}
