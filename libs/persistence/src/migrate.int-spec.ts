import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '@duban/config';
import { createTestDatabase, type TestDatabase } from '@duban/testing';
import { openDataSource } from './data-source';
import { migrateDatabase } from './migrate';
import { DiagnosticProbeRepository } from './repositories/diagnostic-probe.repository';
import { MIGRATIONS } from './schema';

interface Driver {
  readonly name: string;
  setUp(): Promise<DatabaseConfig>;
  tearDown(): Promise<void>;
}

function mysqlDriver(): Driver {
  let database: TestDatabase | undefined;
  return {
    name: 'MariaDB (mysql2)',
    setUp: async () => {
      database = await createTestDatabase('duban_migrate');
      return { type: 'mysql', url: database.url };
    },
    tearDown: async () => database?.drop(),
  };
}

function sqliteDriver(): Driver {
  let dir: string | undefined;
  return {
    name: 'SQLite (better-sqlite3)',
    setUp: async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-sqlite-'));
      return { type: 'better-sqlite3', path: path.join(dir, 'nested', 'duban.sqlite') };
    },
    tearDown: async () => {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe.each([mysqlDriver(), sqliteDriver()])('migrations on $name', (driver) => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDataSource(await driver.setUp());
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await driver.tearDown();
  });

  it('start from an empty database and apply every migration once', async () => {
    expect(await dataSource.createQueryRunner().hasTable('diagnostic_probe')).toBe(false);
    const progress: string[] = [];
    const applied = await migrateDatabase(dataSource, (line) => progress.push(line));
    expect(applied).toEqual(MIGRATIONS.map((m) => m.name));
    expect(progress.at(-1)).toContain(`applied ${MIGRATIONS.at(-1)?.name}`);
    expect(await dataSource.createQueryRunner().hasTable('diagnostic_probe')).toBe(true);
  });

  it('do nothing the second time', async () => {
    expect(await migrateDatabase(dataSource, () => undefined)).toEqual([]);
  });

  it('leave a schema the entities match (no pending schema changes)', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('store Chinese text and keep the probe write idempotent by request id', async () => {
    const probes = new DiagnosticProbeRepository(dataSource);
    const probe = { requestId: 'req-1', note: '督办自检𠮷', workflowId: 'diagnostic/req-1' };
    const first = await probes.record(probe, new Date('2026-01-02T03:04:05.678Z'));
    const again = await probes.record(probe, new Date('2026-06-01T00:00:00Z'));
    expect(again).toEqual(first);
    expect(await probes.findByRequestId('req-1')).toEqual(first);
    expect(first).toMatchObject({ note: '督办自检𠮷', recordedAt: '2026-01-02T03:04:05.678Z' });
    expect(await dataSource.getRepository('diagnostic_probe').count()).toBe(1);
  });

  it('revert every migration with its down step', async () => {
    for (let i = 0; i < MIGRATIONS.length; i += 1) await dataSource.undoLastMigration();
    expect(await dataSource.createQueryRunner().hasTable('diagnostic_probe')).toBe(false);
  });
});
