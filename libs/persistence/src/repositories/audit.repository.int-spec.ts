import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { parseEnv, type DatabaseConfig } from '@duban/config';
import type { AuditEntry } from '@duban/domain';
import { createTestDatabase, type TestDatabase } from '@duban/testing';
import { openDataSource } from '../data-source';
import { AuditHeadEntity } from '../entities/audit-head.entity';
import { migrateDatabase } from '../migrate';
import { transaction } from '../transaction';
import { AuditRepository } from './audit.repository';

const entry = (i: number): AuditEntry => ({
  action: 'plan.edit-item',
  outcome: i % 5 ? 'ok' : 'refused',
  actor:
    i % 3 ? { userId: `user-${i}`, username: `u${i}`, roles: ['supervisor'], unitId: null } : null,
  targetType: 'item',
  targetId: `item-${i % 4}`,
  reason: i % 5 ? null : '您的角色无权执行此操作',
  before: { title: `旧标题${i}` },
  after: { title: `新标题𠮷${i}` },
  ip: '10.0.0.1',
});

async function mysql(): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  const database: TestDatabase = await createTestDatabase('duban_audit');
  return { config: parseEnv({ DATABASE_URL: database.url }).database, drop: () => database.drop() };
}

async function sqlite(): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-audit-'));
  return {
    config: { type: 'better-sqlite3', path: path.join(dir, 'duban.sqlite') },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

describe.each([
  ['MariaDB', mysql],
  ['SQLite', sqlite],
])('audit trail on %s', (_name, setUp) => {
  let dataSource: DataSource;
  let audit: AuditRepository;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await setUp();
    drop = database.drop;
    dataSource = await openDataSource(database.config);
    await migrateDatabase(dataSource, () => undefined);
    audit = new AuditRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await drop?.();
  });

  it('appends records that read back as written and verify', async () => {
    for (let i = 1; i <= 10; i += 1) await audit.append(entry(i));
    const records = await audit.list({ limit: 100 });
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(JSON.parse(records[0]?.after ?? '')).toEqual({ title: '新标题𠮷1' });
    expect(records[4]).toMatchObject({ outcome: 'refused', reason: '您的角色无权执行此操作' });
    expect(await audit.verify()).toMatchObject({ ok: true, count: 10 });
  });

  it('orders concurrent appends into one gapless chain', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => audit.append(entry(100 + i))));
    const records = await audit.list({ limit: 1000 });
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await audit.verify()).toMatchObject({ ok: true, count: 60 });
  });

  it('rolls a record back with the command whose transaction it joined', async () => {
    const head = await dataSource.getRepository(AuditHeadEntity).findOneByOrFail({ id: 1 });
    await expect(
      transaction(dataSource, async (manager) => {
        await audit.append(entry(999), manager);
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await dataSource.getRepository(AuditHeadEntity).findOneByOrFail({ id: 1 })).toEqual(
      head,
    );
    expect((await audit.list({ limit: 1000 })).length).toBe(60);
  });

  it('filters and pages', async () => {
    const page = await audit.list({ afterSeq: 10, limit: 5, targetId: 'item-1' });
    expect(page.every((r) => r.seq > 10 && r.targetId === 'item-1')).toBe(true);
    expect(page).toHaveLength(5);
    expect(await audit.list({ limit: 100, outcome: 'refused', actorId: 'user-5' })).toHaveLength(1);
  });

  it('names a record changed directly in the database, and holds again once it is put back', async () => {
    const [original] = await audit.list({ afterSeq: 6, limit: 1 });
    await dataSource.query(`UPDATE audit_record SET reason = 'x' WHERE seq = 7`);
    expect(await audit.verify()).toMatchObject({
      ok: false,
      brokenSeq: 7,
      reason: 'its content does not match its hash',
    });
    await dataSource.query('UPDATE audit_record SET reason = ? WHERE seq = 7', [
      original?.reason ?? null,
    ]);
    expect(await audit.verify()).toMatchObject({ ok: true, count: 60 });
  });

  it('catches the last record deleted directly in the database', async () => {
    await dataSource.query('DELETE FROM audit_record WHERE seq = 60');
    expect(await audit.verify()).toMatchObject({ ok: false, brokenSeq: 60 });
  });
});
