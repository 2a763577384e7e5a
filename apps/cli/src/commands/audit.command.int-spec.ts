import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { parseEnv } from '@duban/config';
import { nextAuditRecord, type AuditEntry, type AuditRecord } from '@duban/domain';
import {
  AuditHeadEntity,
  AuditRecordEntity,
  AuditRepository,
  migrateDatabase,
  openDataSource,
  sha256Hex,
} from '@duban/persistence';
import { createTestDatabase, type TestDatabase } from '@duban/testing';

const root = path.resolve(__dirname, '../../../..');

function auditVerify(databaseUrl: string) {
  return spawnSync(
    process.execPath,
    [path.join(root, 'apps/cli/bin/duban.js'), 'audit', 'verify'],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' },
  );
}

const entry = (i: number): AuditEntry => ({
  action: 'plan.confirm',
  outcome: 'ok',
  actor: { userId: `u${i}`, username: `user${i}`, roles: ['supervisor'], unitId: null },
  targetType: 'plan',
  targetId: `plan-${i}`,
  after: { status: 'confirmed' },
});

describe('npx duban audit verify (MariaDB)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('duban_audit_cli');
    dataSource = await openDataSource(parseEnv({ DATABASE_URL: database.url }).database);
    await migrateDatabase(dataSource, () => undefined);
    const audit = new AuditRepository(dataSource);
    for (let i = 1; i <= 12; i += 1) await audit.append(entry(i));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('exits 0 and reports the count and the last hash of an intact chain', async () => {
    const run = auditVerify(database.url);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [last] = await new AuditRepository(dataSource).list({ afterSeq: 11, limit: 1 });
    expect(run.stdout.trim()).toBe(`审计链完整：12 条记录，最后哈希 ${last?.hash}`);
  });

  it('exits 1 naming the record changed directly in the database', async () => {
    await dataSource.query(`UPDATE audit_record SET after = '{"status":"draft"}' WHERE seq = 5`);
    const run = auditVerify(database.url);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(
      'duban: 审计链在第 5 条记录处断裂：记录内容与其哈希不符，已被改动',
    );
  });
});

describe('npx duban audit verify on a database without the audit tables', () => {
  it('exits 1 asking for the migration, and leaves the database unmigrated', async () => {
    const database = await createTestDatabase('duban_audit_cli_empty');
    try {
      const run = auditVerify(database.url);
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(
        'duban: 数据库中没有审计表 audit_record，请先执行 duban db migrate',
      );
      const dataSource = await openDataSource(parseEnv({ DATABASE_URL: database.url }).database);
      try {
        expect(await dataSource.query('SHOW TABLES')).toEqual([]);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      await database.drop();
    }
  });
});

describe('npx duban audit verify (SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-audit-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Written in bulk: appending 25,000 records one by one would take most of a minute. */
  async function chainOf(length: number, file: string): Promise<AuditRecord[]> {
    const records: AuditRecord[] = [];
    for (let i = 1; i <= length; i += 1) {
      records.push(nextAuditRecord(records.at(-1) ?? null, entry(i), new Date(i), sha256Hex));
    }
    const dataSource = await openDataSource({ type: 'better-sqlite3', path: file });
    try {
      await migrateDatabase(dataSource, () => undefined);
      for (let i = 0; i < records.length; i += 500) {
        await dataSource.getRepository(AuditRecordEntity).insert(records.slice(i, i + 500));
      }
      const last = records.at(-1);
      await dataSource
        .getRepository(AuditHeadEntity)
        .update(1, { seq: last?.seq, hash: last?.hash });
    } finally {
      await dataSource.destroy();
    }
    return records;
  }

  it('prints a progress line to stderr per 10,000 records, and the result to stdout', async () => {
    const file = path.join(dir, 'long.sqlite');
    const records = await chainOf(25_000, file);
    const run = auditVerify(`sqlite:${file}`);
    expect(run.status).toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([
      '已校验 10000 条审计记录…',
      '已校验 20000 条审计记录…',
    ]);
    expect(run.stdout.trim()).toBe(`审计链完整：25000 条记录，最后哈希 ${records.at(-1)?.hash}`);
  });

  it('exits 1 for a database file that does not exist, without creating it', () => {
    const file = path.join(dir, 'missing', 'duban.sqlite');
    const run = auditVerify(`sqlite:${file}`);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`duban: 数据库文件不存在：${file}`);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });
});
