import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseEnv, type DatabaseConfig } from '@duban/config';
import { createTestDatabase } from '@duban/testing';

export interface ThrowawayDatabase {
  readonly config: DatabaseConfig;
  readonly drop: () => Promise<void>;
}

async function mariaDb(name: string): Promise<ThrowawayDatabase> {
  const database = await createTestDatabase(name);
  return { config: parseEnv({ DATABASE_URL: database.url }).database, drop: () => database.drop() };
}

async function sqlite(name: string): Promise<ThrowawayDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  return {
    config: { type: 'better-sqlite3', path: path.join(dir, 'duban.sqlite') },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** For `describe.each`: what runs in production (MariaDB) and the embedded default (SQLite). */
export const BOTH_DATABASES = [
  ['MariaDB', mariaDb],
  ['SQLite', sqlite],
] as const;
