import { randomUUID } from 'node:crypto';
import {
  In,
  IsNull,
  LessThan,
  LessThanOrEqual,
  MoreThanOrEqual,
  Not,
  type DataSource,
  type FindOptionsWhere,
} from 'typeorm';
import { NotificationOutboxEntity } from '../entities/notification-outbox.entity';
import type { AuditActorRef } from '@duban/domain';
import { transaction } from '../transaction';
import { updateById } from '../update-by-id';
import type { AuditRepository } from './audit.repository';

export const OUTBOX_STATUSES = [
  'pending',
  'held',
  'sending',
  'sent',
  'failed',
  'unknown',
  'digested',
] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What a message is about and whom it goes to, queued or stored. */
interface OutboxAddress {
  readonly kind: string;
  readonly channel: 'email' | 'chat';
  /** A person's id (e-mail) or a unit's id (group chat). */
  readonly recipientId: string;
  readonly recipientRole: string;
  readonly workflowId: string;
  readonly planId: string;
  readonly itemId: string;
  readonly milestoneKey: string | null;
  readonly step: string;
  readonly urgingNotice: boolean;
}

/** A message to queue: one recipient, one channel, its words fixed now. */
export interface OutboxMessage extends OutboxAddress {
  readonly key: string;
  readonly payload: object;
  readonly held: boolean;
  readonly dueAt: string;
  /** With `held`: combined with the recipient's other notices of the same key (not a digest). */
  readonly bundleKey?: string | null;
}

export interface OutboxRow extends OutboxAddress {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly payload: object | null;
  readonly status: OutboxStatus;
  readonly dueAt: string;
  readonly attempts: number;
  readonly sentAt: string | null;
  readonly lastResult: string | null;
  readonly messageId: string | null;
  readonly digestId: string | null;
  readonly bundleKey: string | null;
  readonly createdAt: string;
}

/** How an attempt ended, as the row records it. */
export type AttemptResult =
  | { readonly status: 'sent'; readonly result: string; readonly messageId: string | null }
  | { readonly status: 'failed' | 'unknown'; readonly result: string }
  | { readonly status: 'pending'; readonly result: string; readonly retryAt: Date };

export interface RecordedAttempt {
  readonly id: string;
  readonly attempt: AttemptResult;
}

/** A row's last attempt, once it ended with a result that counts as an answer. */
export interface FinishedAttempt {
  readonly status: 'sent' | 'pending' | 'failed';
  /** The server's reply or the error. */
  readonly result: string;
  /** When the attempt began. */
  readonly at: string;
}

const ANSWERED_STATUSES: FinishedAttempt['status'][] = ['sent', 'pending', 'failed'];

export interface OutboxFilter {
  readonly status?: OutboxStatus;
  readonly recipientId?: string;
  readonly workflowId?: string;
  readonly limit?: number;
}

function outboxRow(row: NotificationOutboxEntity): OutboxRow {
  const { claimToken, claimedAt, ...rest } = row;
  return {
    ...rest,
    channel: row.channel as OutboxRow['channel'],
    status: row.status as OutboxStatus,
    dueAt: row.dueAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function changesOf(attempt: AttemptResult, now: Date) {
  // `claimedAt` stays: when the last attempt began, which orders the newest results.
  const base = { claimToken: null, lastResult: resultText(attempt.result) };
  switch (attempt.status) {
    case 'sent':
      return { ...base, status: 'sent', sentAt: now, messageId: attempt.messageId };
    case 'pending':
      return { ...base, status: 'pending', dueAt: attempt.retryAt };
    case 'failed':
    case 'unknown':
      return { ...base, status: attempt.status };
  }
}

/** The reply or error as stored: one line, bounded. */
function resultText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 1000);
}

/**
 * The notification outbox. Queuing is idempotent by key; delivery claims rows with a token so
 * that only one sender ever holds a row, and a row is only ever sent from `sending`.
 */
export class NotificationRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  private get rows() {
    return this.dataSource.getRepository(NotificationOutboxEntity);
  }

  /** Rows whose key was seen before are skipped, so a retried emission adds nothing. */
  async enqueue(messages: readonly OutboxMessage[], now: Date): Promise<number> {
    if (messages.length === 0) return 0;
    const [sql, parameters] = this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationOutboxEntity)
      .values(messages.map((message) => this.newRow(message, now)))
      .orIgnore()
      .getQueryAndParameters();
    // Run directly: TypeORM's insert result lists every row it was given, ignored ones too.
    const runner = this.dataSource.createQueryRunner();
    try {
      return (await runner.query(sql, parameters, true)).affected ?? 0;
    } finally {
      await runner.release();
    }
  }

  private newRow(message: OutboxMessage, now: Date): NotificationOutboxEntity {
    const { key, held, dueAt, bundleKey, ...fields } = message;
    return {
      id: randomUUID(),
      idempotencyKey: key,
      ...fields,
      bundleKey: bundleKey ?? null,
      status: held ? 'held' : 'pending',
      dueAt: new Date(dueAt),
      attempts: 0,
      claimToken: null,
      claimedAt: null,
      sentAt: null,
      lastResult: null,
      messageId: null,
      digestId: null,
      createdAt: now,
    };
  }

  /** Takes up to `limit` due rows for one sender; rows another sender holds are never taken. */
  async claimDue(limit: number, now: Date): Promise<{ token: string; rows: OutboxRow[] }> {
    const token = randomUUID();
    const due = await this.rows.find({
      select: { id: true },
      where: { status: 'pending', dueAt: LessThanOrEqual(now) },
      order: { dueAt: 'ASC' },
      take: limit,
    });
    if (due.length === 0) return { token, rows: [] };
    const ids = due.map((r) => r.id);
    await this.rows
      .createQueryBuilder()
      .update()
      .set({ status: 'sending', claimToken: token, claimedAt: now, attempts: () => 'attempts + 1' })
      .where({ id: In(ids), status: 'pending' })
      .execute();
    const claimed = await this.rows.find({
      where: { id: In(ids), claimToken: token, status: 'sending' },
      order: { dueAt: 'ASC' },
    });
    return { token, rows: claimed.map(outboxRow) };
  }

  /**
   * Records attempts in one statement (one commit for a group of messages: a commit per message
   * would cost more than sending it); only the claim's holder can record a row, and only once.
   * Returns how many rows were recorded.
   */
  recordAll(token: string, attempts: readonly RecordedAttempt[], now: Date): Promise<number> {
    return updateById(
      this.dataSource,
      NotificationOutboxEntity,
      attempts.map(({ id, attempt }) => ({ id, values: changesOf(attempt, now) })),
      { claimToken: token, status: 'sending' },
    );
  }

  /** Gives back claimed rows that were never tried: they wait again as if never taken. */
  async release(token: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.rows
      .createQueryBuilder()
      .update()
      .set({ status: 'pending', claimToken: null, claimedAt: null, attempts: () => 'attempts - 1' })
      .where({ id: In([...ids]), claimToken: token, status: 'sending' })
      .execute();
    return result.affected ?? 0;
  }

  /**
   * A claim older than the lease belongs to a sender that died: the message may or may not
   * have gone out, so the row becomes `unknown` and is never sent again blindly.
   */
  async expireClaims(claimedBefore: Date): Promise<number> {
    const result = await this.rows.update(
      { status: 'sending', claimedAt: LessThan(claimedBefore) },
      {
        status: 'unknown',
        claimToken: null,
        lastResult: 'sender stopped while sending; delivery unknown',
      },
    );
    return result.affected ?? 0;
  }

  /** When the next waiting row falls due (null: none waits). */
  async nextDueAt(): Promise<Date | null> {
    const next = await this.rows.findOne({
      select: { dueAt: true },
      where: { status: 'pending' },
      order: { dueAt: 'ASC' },
    });
    return next?.dueAt ?? null;
  }

  /** A person decided: a failed or unknown message goes out again (null: not in such a state). */
  resend(id: string, now: Date, actor: AuditActorRef): Promise<OutboxRow | null> {
    return transaction(this.dataSource, async (manager) => {
      const before = await manager.findOneBy(NotificationOutboxEntity, { id });
      if (!before || !['failed', 'unknown'].includes(before.status)) return null;
      await manager.update(
        NotificationOutboxEntity,
        { id, status: before.status },
        { status: 'pending', dueAt: now, lastResult: null },
      );
      await this.audit.append(
        {
          action: 'notification.resend',
          outcome: 'ok',
          actor,
          targetType: 'notification',
          targetId: id,
          before: { status: before.status, lastResult: before.lastResult },
          after: { status: 'pending' },
        },
        manager,
      );
      return outboxRow(await manager.findOneByOrFail(NotificationOutboxEntity, { id }));
    });
  }

  async find(id: string): Promise<OutboxRow | null> {
    const row = await this.rows.findOneBy({ id });
    return row ? outboxRow(row) : null;
  }

  async list(filter: OutboxFilter = {}): Promise<OutboxRow[]> {
    const { limit, ...rest } = filter;
    const where = Object.fromEntries(
      Object.entries(rest).filter(([, v]) => v !== undefined),
    ) as FindOptionsWhere<NotificationOutboxEntity>;
    const rows = await this.rows.find({
      where,
      order: { createdAt: 'ASC', idempotencyKey: 'ASC' },
      ...(limit !== undefined && { take: limit }),
    });
    return rows.map(outboxRow);
  }

  /** How many rows are in each state (every state listed, zero included). */
  async counts(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.rows
      .createQueryBuilder('row')
      .select('row.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('row.status')
      .getRawMany<{ status: string; count: string | number }>();
    const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<
      OutboxStatus,
      number
    >;
    for (const row of rows) counts[row.status as OutboxStatus] = Number(row.count);
    return counts;
  }

  /**
   * The last attempts of rows on `channel` that began at `since` or later, newest first.
   * `unknown` rows are left out: a connection lost after the message, or a sender that died,
   * says nothing about whether the server takes mail.
   */
  async latestAttempts(
    channel: OutboxRow['channel'],
    since: Date,
    limit: number,
  ): Promise<FinishedAttempt[]> {
    const rows = await this.rows.find({
      select: { status: true, lastResult: true, claimedAt: true },
      where: {
        channel,
        status: In(ANSWERED_STATUSES),
        claimedAt: MoreThanOrEqual(since),
        lastResult: Not(IsNull()),
      },
      order: { claimedAt: 'DESC' },
      take: limit,
    });
    return rows.map((row) => ({
      status: row.status as FinishedAttempt['status'],
      result: row.lastResult ?? '',
      at: (row.claimedAt ?? since).toISOString(),
    }));
  }

  /** Held e-mail notices of people whose digest is due by `until`. */
  async held(until: Date): Promise<OutboxRow[]> {
    const rows = await this.rows.find({
      where: { status: 'held', dueAt: LessThanOrEqual(until), bundleKey: IsNull() },
      order: { createdAt: 'ASC' },
    });
    return rows.map(outboxRow);
  }

  /** Held notices waiting to leave combined with others of their bundle. */
  async bundling(): Promise<OutboxRow[]> {
    const rows = await this.rows.find({
      where: { status: 'held', bundleKey: Not(IsNull()) },
      order: { createdAt: 'ASC', idempotencyKey: 'ASC' },
    });
    return rows.map(outboxRow);
  }

  /** The notices folded into a digest or bundle, oldest first. */
  async foldedInto(id: string): Promise<OutboxRow[]> {
    const rows = await this.rows.find({
      where: { digestId: id, status: 'digested' },
      order: { createdAt: 'ASC', idempotencyKey: 'ASC' },
    });
    return rows.map(outboxRow);
  }

  /** A bundle of one leaves as the notice it is. */
  async releaseHeld(ids: readonly string[], now: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.rows.update(
      { id: In([...ids]), status: 'held' },
      { status: 'pending', dueAt: now },
    );
    return result.affected ?? 0;
  }

  /**
   * Queues a digest (or a bundle) and folds the held notices it lists into it, in one
   * transaction: one composed twice (a retried activity) is queued once and folds nothing twice.
   */
  queueDigest(digest: OutboxMessage, foldedIds: readonly string[], now: Date): Promise<boolean> {
    return transaction(this.dataSource, async (manager) => {
      if (await manager.existsBy(NotificationOutboxEntity, { idempotencyKey: digest.key })) {
        return false;
      }
      const row = this.newRow(digest, now);
      await manager.insert(NotificationOutboxEntity, row);
      if (foldedIds.length > 0) {
        await manager.update(
          NotificationOutboxEntity,
          { id: In([...foldedIds]), status: 'held' },
          { status: 'digested', digestId: row.id },
        );
      }
      return true;
    });
  }
}
