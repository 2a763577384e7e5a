import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

/** Server used by integration tests; MariaDB on this machine by default. */
export function testMysqlServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env['TEST_MYSQL_URL'] ?? 'mariadb://root@127.0.0.1:3306';
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

async function withServer<T>(
  serverUrl: string,
  run: (sql: (q: string) => Promise<unknown>) => Promise<T>,
) {
  const connection = await createConnection({ uri: serverUrl });
  try {
    return await run((q) => connection.query(q));
  } finally {
    await connection.end();
  }
}

/** Character set and collation a test database is created with. */
export interface TestDatabaseCharset {
  readonly charset: string;
  readonly collation: string;
}

/** What servers installed with their defaults gave before utf8mb4 became usual. */
export const LATIN1_DATABASE: TestDatabaseCharset = {
  charset: 'latin1',
  collation: 'latin1_swedish_ci',
};

/** A new, empty database with a unique name; `drop()` removes it again. */
export async function createTestDatabase(
  prefix = 'duban_test',
  { charset, collation }: TestDatabaseCharset = {
    charset: 'utf8mb4',
    collation: 'utf8mb4_unicode_ci',
  },
): Promise<TestDatabase> {
  const serverUrl = testMysqlServerUrl();
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await withServer(serverUrl, (sql) =>
    sql(`CREATE DATABASE \`${name}\` CHARACTER SET ${charset} COLLATE ${collation}`),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withServer(serverUrl, (sql) => sql(`DROP DATABASE IF EXISTS \`${name}\``)).then(
        () => undefined,
      ),
  };
}
