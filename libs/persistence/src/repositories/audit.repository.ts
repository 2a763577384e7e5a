import { createHash } from 'node:crypto';
import { MoreThan, type DataSource, type EntityManager } from 'typeorm';
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
      : this.dataSource.transaction((m) => appendIn(m, entry, at));
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

  /** Recomputes the whole chain in batches; `onProgress` hears the count checked so far. */
  async verify(onProgress: (checked: number) => void = () => undefined): Promise<ChainVerdict> {
    const records = this.dataSource.getRepository(AuditRecordEntity);
    const verifier = new AuditChainVerifier(sha256Hex);
    let after = 0;
    for (;;) {
      const batch = await records.find({
        where: { seq: MoreThan(after) },
        order: { seq: 'ASC' },
        take: VERIFY_BATCH,
      });
      verifier.feed(batch);
      if (batch.length === 0 || verifier.failed) break;
      after = batch[batch.length - 1].seq;
      onProgress(after);
    }
    const head = await this.dataSource.getRepository(AuditHeadEntity).findOneBy({ id: HEAD_ID });
    return verifier.verdict(head?.hash ?? null);
  }
}

async function appendIn(manager: EntityManager, entry: AuditEntry, at: Date): Promise<AuditRecord> {
  const query = manager.createQueryBuilder(AuditHeadEntity, 'head').where('head.id = :id', {
    id: HEAD_ID,
  });
  // SQLite runs one write transaction at a time anyway; MySQL needs the row lock to order appends.
  const head = await (
    manager.connection.options.type === 'mysql' ? query.setLock('pessimistic_write') : query
  ).getOneOrFail();
  const record = nextAuditRecord(head.seq === 0 ? null : head, entry, at, sha256Hex);
  await manager.insert(AuditRecordEntity, record);
  await manager.update(AuditHeadEntity, { id: HEAD_ID }, { seq: record.seq, hash: record.hash });
  return record;
}
