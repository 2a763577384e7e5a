import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { parseEnv } from '@duban/config';
import { AuditRepository, migrateDatabase, openDataSource } from '@duban/persistence';
import { createTestDatabase, type TestDatabase } from '@duban/testing';

const root = path.resolve(__dirname, '../../../..');

describe('npx duban audit verify (MariaDB)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  const verify = () =>
    spawnSync(process.execPath, [path.join(root, 'apps/cli/bin/duban.js'), 'audit', 'verify'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url },
      encoding: 'utf8',
    });

  beforeAll(async () => {
    database = await createTestDatabase('duban_audit_cli');
    dataSource = await openDataSource(parseEnv({ DATABASE_URL: database.url }).database);
    await migrateDatabase(dataSource, () => undefined);
    const audit = new AuditRepository(dataSource);
    for (let i = 1; i <= 12; i += 1) {
      await audit.append({
        action: 'plan.confirm',
        outcome: 'ok',
        actor: { userId: `u${i}`, username: `user${i}`, roles: ['supervisor'], unitId: null },
        targetType: 'plan',
        targetId: `plan-${i}`,
        after: { status: 'confirmed' },
      });
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('exits 0 and reports the count and the last hash of an intact chain', async () => {
    const run = verify();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [last] = await new AuditRepository(dataSource).list({ afterSeq: 11, limit: 1 });
    expect(run.stdout.trim()).toBe(`审计链完整：12 条记录，最后哈希 ${last?.hash}`);
  });

  it('exits 1 naming the record changed directly in the database', async () => {
    await dataSource.query(`UPDATE audit_record SET after = '{"status":"draft"}' WHERE seq = 5`);
    const run = verify();
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(
      'duban: 审计链在第 5 条记录处断裂：记录内容与其哈希不符，已被改动',
    );
  });
});
