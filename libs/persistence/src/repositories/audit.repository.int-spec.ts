import type { DataSource } from 'typeorm';
import type { AuditEntry } from '@duban/domain';
import { openDataSource } from '../data-source';
import { AuditHeadEntity } from '../entities/audit-head.entity';
import { AuditRecordEntity } from '../entities/audit-record.entity';
import { migrateDatabase } from '../migrate';
import { BOTH_DATABASES } from '../testing/both-databases';
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

describe.each(BOTH_DATABASES)('audit trail on %s', (_name, setUp) => {
  let dataSource: DataSource;
  let audit: AuditRepository;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await setUp('duban_audit');
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
    expect(JSON.parse(records[0]?.before ?? '')).toEqual({ title: '旧标题1' });
    expect(records[2]).toMatchObject({
      actorId: null,
      actorName: null,
      actorRoles: '',
      actorUnitId: null,
    });
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

  it('keeps the chain whole when text holds a lone surrogate, which the database cannot store', async () => {
    const record = await audit.append({ ...entry(61), targetId: 'item-\ud800', reason: '\udfff' });
    const [stored] = await audit.list({ afterSeq: 60, limit: 1 });
    expect(stored).toEqual(record);
    expect(stored).toMatchObject({ seq: 61, targetId: 'item-\ufffd', reason: '\ufffd' });
    expect(await audit.verify()).toMatchObject({ ok: true, count: 61 });
  });

  it('verifies while appends go on, counting one that commits just before the head is read', async () => {
    const heads = dataSource.getRepository(AuditHeadEntity);
    const readHead = heads.findOneBy.bind(heads);
    const spy = jest.spyOn(heads, 'findOneBy').mockImplementationOnce(async (where) => {
      await audit.append(entry(62));
      return readHead(where);
    });
    try {
      expect(await audit.verify()).toMatchObject({ ok: true, count: 62 });
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('filters, and pages forward from the last seq seen', async () => {
    const all = await audit.list({ limit: 1000 });
    const item1 = all.filter((r) => r.targetId === 'item-1');
    const pages = [];
    for (let afterSeq = 0; ;) {
      const page = await audit.list({ afterSeq, limit: 7, targetId: 'item-1' });
      if (page.length === 0) break;
      pages.push(page);
      afterSeq = page.at(-1)?.seq ?? Number.NaN;
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.flat()).toEqual(item1);
    const refusedUser5 = all.filter((r) => r.outcome === 'refused' && r.actorId === 'user-5');
    expect(refusedUser5).toHaveLength(1);
    expect(await audit.list({ limit: 100, outcome: 'refused', actorId: 'user-5' })).toEqual(
      refusedUser5,
    );
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
    expect(await audit.verify()).toMatchObject({ ok: true, count: 62 });
  });

  it('names a record deleted from the middle directly in the database', async () => {
    const [original] = await audit.list({ afterSeq: 29, limit: 1 });
    await dataSource.query('DELETE FROM audit_record WHERE seq = 30');
    expect(await audit.verify()).toMatchObject({
      ok: false,
      brokenSeq: 30,
      reason: 'record 30 is missing',
    });
    await dataSource.getRepository(AuditRecordEntity).insert({ ...original });
    expect(await audit.verify()).toMatchObject({ ok: true, count: 62 });
  });

  it('catches the last record deleted directly in the database, through the chain head', async () => {
    await dataSource.query('DELETE FROM audit_record WHERE seq = 62');
    expect(await audit.verify()).toMatchObject({
      ok: false,
      count: 61,
      brokenSeq: 62,
      reason: expect.stringContaining('chain head does not match'),
    });
  });
});
