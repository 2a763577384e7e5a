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

/** A new, empty database with a unique name; `drop()` removes it again. */
export async function createTestDatabase(prefix = 'duban_test'): Promise<TestDatabase> {
  const serverUrl = testMysqlServerUrl();
  const name = `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await withServer(serverUrl, (sql) =>
    sql(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
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
