/**
 * The audit trail is a hash chain: each record's hash covers the previous record's hash and the
 * record itself in one canonical form, so changing, removing or reordering any record breaks
 * every hash after it. The hash function is passed in, which keeps this module pure.
 */

export type AuditOutcome = 'ok' | 'refused';

/**
 * The longest target id a record keeps: ids come from route parameters, which a caller can make
 * any length; a longer one is cut here, before hashing, so the record hashes as it is stored.
 */
export const AUDIT_TARGET_ID_MAX_LENGTH = 200;

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActorRef {
  readonly userId: string;
  readonly username: string;
  readonly roles: readonly string[];
  readonly unitId: string | null;
  /** The client address the person acted from, when they acted over the network. */
  readonly ip?: string | null;
}

/** What a command tells the trail; `before`/`after` are any JSON-able values. */
export interface AuditEntry {
  readonly action: string;
  readonly outcome: AuditOutcome;
  readonly actor: AuditActorRef | null;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly reason?: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly ip?: string | null;
}

/** A record as stored: every field is text or a number, exactly what the hash covers. */
export interface AuditRecord {
  readonly seq: number;
  /** ISO-8601 UTC with milliseconds. */
  readonly at: string;
  readonly actorId: string | null;
  readonly actorName: string | null;
  /** Comma-separated, in the order given. */
  readonly actorRoles: string;
  readonly actorUnitId: string | null;
  readonly action: string;
  readonly outcome: AuditOutcome;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly reason: string | null;
  /** Canonical JSON, or null. */
  readonly before: string | null;
  readonly after: string | null;
  readonly ip: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

export type HashFunction = (text: string) => string;

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : canonicalJson(value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A lone UTF-16 surrogate (e.g. a login name sent as "\ud800") cannot be stored as UTF-8: the
 * database drivers write U+FFFD instead. Hashing the text as it will be stored keeps such a
 * record from breaking the chain for good. (`before`/`after` are JSON, which escapes them.)
 */
function asStored<T extends Record<string, unknown>>(fields: T): T {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD') : value,
    ]),
  ) as T;
}

/** The fields of a record that its hash covers, in a fixed order. */
export function canonicalRecord(record: Omit<AuditRecord, 'hash' | 'prevHash'>): string {
  return JSON.stringify([
    record.seq,
    record.at,
    record.actorId,
    record.actorName,
    record.actorRoles,
    record.actorUnitId,
    record.action,
    record.outcome,
    record.targetType,
    record.targetId,
    record.reason,
    record.before,
    record.after,
    record.ip,
  ]);
}

/** The next record of a chain whose last record is `previous` (null for the first). */
export function nextAuditRecord(
  previous: Pick<AuditRecord, 'seq' | 'hash'> | null,
  entry: AuditEntry,
  at: Date,
  hash: HashFunction,
): AuditRecord {
  const body = asStored({
    seq: (previous?.seq ?? 0) + 1,
    at: at.toISOString(),
    actorId: entry.actor?.userId ?? null,
    actorName: entry.actor?.username ?? null,
    actorRoles: entry.actor?.roles.join(',') ?? '',
    actorUnitId: entry.actor?.unitId ?? null,
    action: entry.action,
    outcome: entry.outcome,
    targetType: entry.targetType,
    targetId: entry.targetId?.slice(0, AUDIT_TARGET_ID_MAX_LENGTH) ?? null,
    reason: entry.reason ?? null,
    before: jsonOrNull(entry.before),
    after: jsonOrNull(entry.after),
    ip: entry.ip ?? entry.actor?.ip ?? null,
  });
  const prevHash = previous?.hash ?? GENESIS_HASH;
  return { ...body, prevHash, hash: hash(prevHash + canonicalRecord(body)) };
}

export type ChainVerdict =
  | { readonly ok: true; readonly count: number; readonly lastHash: string }
  | {
      readonly ok: false;
      readonly count: number;
      /** The first record that does not hold, or the missing one's number. */
      readonly brokenSeq: number;
      /** Why, in English (logs) and zh-CN (people). */
      readonly reason: string;
      readonly message: string;
    };

interface Break {
  readonly seq: number;
  readonly reason: string;
  readonly message: string;
}

/**
 * Checks records fed in `seq` order, one batch at a time, so a chain of any length is verified
 * in constant memory. Call `verdict(headHash)` at the end with the hash the chain head table
 * says is last: that catches records removed from the end.
 */
export class AuditChainVerifier {
  private count = 0;
  private lastHash = GENESIS_HASH;
  private broken: Break | null = null;

  constructor(private readonly hash: HashFunction) {}

  get failed(): boolean {
    return this.broken !== null;
  }

  feed(records: Iterable<AuditRecord>): void {
    for (const record of records) {
      if (this.broken) return;
      this.check(record);
    }
  }

  verdict(headHash: string | null): ChainVerdict {
    if (!this.broken && (headHash ?? GENESIS_HASH) !== this.lastHash) {
      this.broken = {
        seq: this.count + 1,
        reason: 'records after the last one present are missing (the chain head does not match)',
        message: '最后一条之后的记录缺失（与链头不符）',
      };
    }
    return this.broken
      ? {
          ok: false,
          count: this.count,
          brokenSeq: this.broken.seq,
          reason: this.broken.reason,
          message: this.broken.message,
        }
      : { ok: true, count: this.count, lastHash: this.lastHash };
  }

  private check(record: AuditRecord): void {
    const expectedSeq = this.count + 1;
    if (record.seq !== expectedSeq) {
      this.broken = {
        seq: expectedSeq,
        reason: `record ${expectedSeq} is missing`,
        message: `第 ${expectedSeq} 条记录缺失`,
      };
    } else if (record.prevHash !== this.lastHash) {
      this.broken = {
        seq: record.seq,
        reason: 'its previous hash does not match the record before it',
        message: '其前序哈希与上一条记录不符',
      };
    } else if (this.hash(record.prevHash + canonicalRecord(record)) !== record.hash) {
      this.broken = {
        seq: record.seq,
        reason: 'its content does not match its hash',
        message: '记录内容与其哈希不符，已被改动',
      };
    } else {
      this.count = record.seq;
      this.lastHash = record.hash;
    }
  }
}
