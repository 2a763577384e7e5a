import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MoreThan, type DataSource } from 'typeorm';
import { parseEnv, type DatabaseConfig } from '@duban/config';
import { nextAuditRecord, type AuditRecord, type ChainVerdict } from '@duban/domain';
import {
  AuditHeadEntity,
  AuditRecordEntity,
  AuditRepository,
  migrateDatabase,
  openDataSource,
  sha256Hex,
} from '@duban/persistence';
import { createTestDatabase, testMysqlServerUrl, type TestDatabase } from '@duban/testing';

/**
 * Verifying the audit chain of 100,000 records, on SQLite and MariaDB. The baseline, measured
 * in the same run on the same rows, is reading them in the same batches without hashing: the
 * ratio says what the hashing costs on top of the reading any verification must do.
 */
const RECORDS = 100_000;
const INSERT_CHUNK = 1_000;
/** The batch size AuditRepository.verify reads in. */
const READ_BATCH = 5_000;
/** Baseline and verification alternate, after one unmeasured read warms the caches. */
const ROUNDS = 3;

function chain(): AuditRecord[] {
  const records: AuditRecord[] = [];
  const start = Date.UTC(2024, 0, 2);
  for (let i = 0; i < RECORDS; i += 1) {
    const entry = {
      action: i % 7 ? 'plan.edit-item' : 'auth.login',
      outcome: i % 11 ? ('ok' as const) : ('refused' as const),
      actor: {
        userId: `person-${i % 40}`,
        username: `user${i % 40}`,
        roles: ['staff'],
        unitId: 'unit-1',
      },
      targetType: 'item',
      targetId: `item-${i % 350}`,
      before: { title: `第${i}项工作（原）`, due: '2024-06-30' },
      after: { title: `第${i}项工作`, due: '2024-12-31' },
      ip: '10.1.2.3',
    };
    records.push(
      nextAuditRecord(records.at(-1) ?? null, entry, new Date(start + i * 1000), sha256Hex),
    );
  }
  return records;
}

async function load(dataSource: DataSource, records: readonly AuditRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += INSERT_CHUNK) {
    await dataSource.getRepository(AuditRecordEntity).insert(records.slice(i, i + INSERT_CHUNK));
    if (i % 25_000 === 0)
      process.stdout.write(`  loading ${i + INSERT_CHUNK}/${records.length}…\n`);
  }
  const last = records.at(-1);
  await dataSource
    .getRepository(AuditHeadEntity)
    .update({ id: 1 }, { seq: last?.seq, hash: last?.hash });
}

async function readOnly(dataSource: DataSource): Promise<number> {
  const repository = dataSource.getRepository(AuditRecordEntity);
  let after = 0;
  let count = 0;
  for (;;) {
    const batch = await repository.find({
      where: { seq: MoreThan(after) },
      order: { seq: 'ASC' },
      take: READ_BATCH,
    });
    if (batch.length === 0) return count;
    count += batch.length;
    after = batch[batch.length - 1]?.seq ?? after;
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Median times of the plain read and of verification, measured in turns; the last verdict. */
async function measure(dataSource: DataSource) {
  await readOnly(dataSource);
  const reads: number[] = [];
  const verifies: number[] = [];
  let verdict: ChainVerdict | undefined;
  for (let round = 0; round < ROUNDS; round += 1) {
    reads.push((await timed(() => readOnly(dataSource))).ms);
    const verify = await timed(() => new AuditRepository(dataSource).verify());
    verifies.push(verify.ms);
    verdict = verify.value;
  }
  return { readMs: median(reads), verifyMs: median(verifies), verdict };
}

async function bench(
  name: string,
  config: DatabaseConfig,
  records: readonly AuditRecord[],
): Promise<boolean> {
  const dataSource = await openDataSource(config);
  try {
    await migrateDatabase(dataSource, () => undefined);
    const loaded = await timed(() => load(dataSource, records));
    const { readMs, verifyMs, verdict } = await measure(dataSource);
    const ok = verdict?.ok === true && verdict.count === RECORDS;
    process.stdout.write(
      `${name.padEnd(8)} loaded ${RECORDS} in ${(loaded.ms / 1000).toFixed(1)} s; ` +
        `read ${readMs.toFixed(0)} ms; verify ${ok ? 'OK' : `BROKEN ${JSON.stringify(verdict)}`} ` +
        `${verifyMs.toFixed(0)} ms (${Math.round((RECORDS / verifyMs) * 1000)} records/s); ` +
        `verify / read = ${(verifyMs / readMs).toFixed(2)}  (medians of ${ROUNDS})\n`,
    );
    return ok;
  } finally {
    await dataSource.destroy();
  }
}

/** MariaDB is optional here: without a server the SQLite figures still stand. */
async function mariadb(records: readonly AuditRecord[]): Promise<boolean> {
  let database: TestDatabase;
  try {
    database = await createTestDatabase('duban_bench_audit');
  } catch (error) {
    process.stdout.write(
      `MariaDB  skipped: no server at ${testMysqlServerUrl()} (${String(error)})\n`,
    );
    return true;
  }
  try {
    return await bench('MariaDB', parseEnv({ DATABASE_URL: database.url }).database, records);
  } finally {
    await database.drop();
  }
}

async function main(): Promise<void> {
  const built = await timed(async () => chain());
  process.stdout.write(`built a chain of ${RECORDS} records in ${built.ms.toFixed(0)} ms\n`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-'));
  try {
    const sqlite = await bench(
      'SQLite',
      { type: 'better-sqlite3', path: path.join(dir, 'audit.sqlite') },
      built.value,
    );
    const mysql = await mariadb(built.value);
    if (!sqlite || !mysql) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`audit-verify bench failed: ${String(error)}\n`);
  process.exitCode = 1;
});
