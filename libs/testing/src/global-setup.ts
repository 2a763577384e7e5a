import { ensureTemporalCli, startTemporalDevServer, type TemporalDevServer } from '@duban/devstack';
import { createTestDatabase, type TestDatabase } from './mysql-test-database';

export interface TestStack {
  readonly temporal: TemporalDevServer;
  readonly database: TestDatabase;
}

const stackKey = Symbol.for('duban.testStack');
type Holder = { [stackKey]?: TestStack };

/**
 * Once per Jest run of an integration project: a real Temporal dev server and a fresh MariaDB
 * database. Test files find both through the same environment variables the apps read.
 */
export default async function globalSetup(): Promise<void> {
  const executable = await ensureTemporalCli((line) =>
    process.stderr.write(`[test setup] ${line}\n`),
  );
  const [temporal, database] = await Promise.all([
    startTemporalDevServer({ executable, namespace: 'duban' }),
    createTestDatabase(),
  ]);
  (globalThis as Holder)[stackKey] = { temporal, database };
  process.env['TEMPORAL_ADDRESS'] = temporal.address;
  process.env['TEMPORAL_NAMESPACE'] = temporal.namespace;
  process.env['DATABASE_URL'] = database.url;
}

export async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Holder)[stackKey];
  if (!stack) return;
  await Promise.allSettled([stack.temporal.stop(), stack.database.drop()]);
}
