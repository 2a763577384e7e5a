import { createHash } from 'node:crypto';
import { MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { transaction } from '../transaction';
import {
  AuditChainVerifier,
  nextAuditRecord,
  type AuditEntry,
  type AuditRecord,
  type ChainVerdict,
} from '@duban/domain';
import { AuditHeadEntity } from '../entities/audit-head.entity';
import { AuditRecordEntity } from '../entities/audit-record.entity';

export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

const HEAD_ID = 1;
const VERIFY_BATCH = 5000;

export interface AuditQuery {
  /** Records with a larger seq than this (paging forward). */
  readonly afterSeq?: number;
  readonly limit: number;
  readonly actorId?: string;
  /** The actor's username, as recorded then. */
  readonly actorName?: string;
  readonly action?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly outcome?: AuditRecord['outcome'];
}

function toRecord(row: AuditRecordEntity): AuditRecord {
  return { ...row };
}

/**
 * The only writer of the audit trail: `append` is the single function every command records
 * itself through. There is deliberately no update or delete here.
 */
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends a record. Given the command's transaction, the record commits or rolls back with the
   * command, so the trail never shows a change that did not happen, nor misses one that did.
   */
  append(entry: AuditEntry, manager?: EntityManager, at = new Date()): Promise<AuditRecord> {
    return manager
      ? appendIn(manager, entry, at)
      : transaction(this.dataSource, (m) => appendIn(m, entry, at));
  }

  async list(query: AuditQuery): Promise<AuditRecord[]> {
    const { afterSeq, limit, ...filters } = query;
    const where = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
    const rows = await this.dataSource.getRepository(AuditRecordEntity).find({
      where: { ...where, ...(afterSeq !== undefined && { seq: MoreThan(afterSeq) }) },
      order: { seq: 'ASC' },
      take: limit,
    });
    return rows.map(toRecord);
  }

  /**
   * Recomputes the whole chain in batches; `onProgress` hears the count checked so far. Appends
   * may go on meanwhile: a head beyond the last record read is an append that committed after
   * that read, so reading resumes; only when no further record shows up are records missing.
   */
  async verify(onProgress: (checked: number) => void = () => undefined): Promise<ChainVerdict> {
    const verifier = new AuditChainVerifier(sha256Hex);
    let reached = await this.feed(verifier, 0, onProgress);
    for (;;) {
      const head = await this.dataSource.getRepository(AuditHeadEntity).findOneBy({ id: HEAD_ID });
      const headAhead = head !== null && head.seq > reached && !verifier.failed;
      if (!headAhead) return verifier.verdict(head?.hash ?? null);
      const further = await this.feed(verifier, reached, onProgress);
      if (further === reached) return verifier.verdict(head.hash);
      reached = further;
    }
  }

  /** Feeds the records after `after` to the verifier; returns the last seq fed. */
  private async feed(
    verifier: AuditChainVerifier,
    after: number,
    onProgress: (checked: number) => void,
  ): Promise<number> {
    const records = this.dataSource.getRepository(AuditRecordEntity);
    for (;;) {
      const batch = await records.find({
        where: { seq: MoreThan(after) },
        order: { seq: 'ASC' },
        take: VERIFY_BATCH,
      });
      verifier.feed(batch);
      if (batch.length === 0 || verifier.failed) return after;
      after = batch[batch.length - 1].seq;
      onProgress(after);
    }
  }
}

async function appendIn(manager: EntityManager, entry: AuditEntry, at: Date): Promise<AuditRecord> {
  // A locking read: it waits for a concurrent append to commit, then sees its head, even when
  // this transaction read other tables before (a plain read would answer its older snapshot).
  // SQLite runs one transaction at a time and has no FOR UPDATE.
  const lock = manager.connection.options.type === 'better-sqlite3' ? '' : ' FOR UPDATE';
  const rows: { seq: number | string; hash: string }[] = await manager.query(
    `SELECT seq, hash FROM audit_head WHERE id = ${HEAD_ID}${lock}`,
  );
  const head = rows[0];
  if (!head) throw new Error('the audit_head row is missing: the audit migration did not run');
  const seq = Number(head.seq);
  const record = nextAuditRecord(seq === 0 ? null : { seq, hash: head.hash }, entry, at, sha256Hex);
  await manager.insert(AuditRecordEntity, record);
  await manager.update(AuditHeadEntity, { id: HEAD_ID }, { seq: record.seq, hash: record.hash });
  return record;
}
