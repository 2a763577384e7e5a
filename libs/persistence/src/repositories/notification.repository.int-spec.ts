import type { DataSource } from 'typeorm';
import { openDataSource } from '../data-source';
import { migrateDatabase } from '../migrate';
import { BOTH_DATABASES } from '../testing/both-databases';
import { AuditRepository } from './audit.repository';
import {
  NotificationRepository,
  type OutboxMessage,
  type RecordedAttempt,
} from './notification.repository';

const message = (i: number): OutboxMessage => ({
  key: `item/p/${i}/q3/reminder@v1/person-${i}`,
  kind: 'reminder',
  channel: 'email',
  recipientId: `person-${i}`,
  recipientRole: 'responsible',
  workflowId: `item/p/${i}`,
  planId: 'p',
  itemId: `i${i}`,
  milestoneKey: 'q3',
  step: 'reminder@v1',
  urgingNotice: false,
  payload: { n: i },
  held: false,
  dueAt: new Date(Date.UTC(2024, 8, 1, 0, 0, i)).toISOString(),
});

const NOW = new Date('2024-09-30T02:00:00.123Z');

describe.each(BOTH_DATABASES)('notification outbox on %s', (_name, setUp) => {
  let dataSource: DataSource;
  let outbox: NotificationRepository;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await setUp('duban_outbox');
    drop = database.drop;
    dataSource = await openDataSource(database.config);
    await migrateDatabase(dataSource, () => undefined);
    outbox = new NotificationRepository(dataSource, new AuditRepository(dataSource));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await drop?.();
  });

  beforeEach(() => dataSource.query('DELETE FROM notification_outbox'));

  const queue = async (count: number) => {
    const messages = Array.from({ length: count }, (_, i) => message(i));
    expect(await outbox.enqueue(messages, NOW)).toBe(count);
    return messages;
  };

  it('queues a key once, however often it is emitted', async () => {
    await queue(3);
    expect(await outbox.enqueue([message(1), message(7)], NOW)).toBe(1);
    expect((await outbox.list()).map((r) => r.idempotencyKey).sort()).toEqual(
      [0, 1, 2, 7].map((i) => message(i).key).sort(),
    );
  });

  it('records each row of a claim with its own result in one call', async () => {
    await queue(5);
    const { token, rows } = await outbox.claimDue(10, NOW);
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('sending'));
    expect(rows.map((r) => r.attempts)).toEqual(Array(5).fill(1));
    const [sent = '', retry = '', failed = '', unknown = '', untouched = ''] = rows.map(
      (r) => r.id,
    );
    const retryAt = new Date('2024-09-30T02:05:00.456Z');
    const attempts: RecordedAttempt[] = [
      {
        id: sent,
        attempt: { status: 'sent', result: '250 OK: queued as A1', messageId: '<a@x>' },
      },
      { id: retry, attempt: { status: 'pending', result: '451 try\n  later', retryAt } },
      { id: failed, attempt: { status: 'failed', result: '550 no such user' } },
      { id: unknown, attempt: { status: 'unknown', result: 'connection closed after DATA' } },
    ];
    expect(await outbox.recordAll(token, attempts, NOW)).toBe(4);

    const after = new Map((await outbox.list()).map((r) => [r.id, r]));
    expect(after.get(sent)).toMatchObject({
      status: 'sent',
      lastResult: '250 OK: queued as A1',
      messageId: '<a@x>',
      sentAt: NOW.toISOString(),
    });
    expect(after.get(retry)).toMatchObject({
      status: 'pending',
      lastResult: '451 try later',
      dueAt: retryAt.toISOString(),
      sentAt: null,
      messageId: null,
    });
    expect(after.get(failed)).toMatchObject({ status: 'failed', lastResult: '550 no such user' });
    expect(after.get(unknown)).toMatchObject({ status: 'unknown', sentAt: null });
    expect(after.get(untouched)).toMatchObject({ status: 'sending', lastResult: null });
    // The retried row is due again at its retry time, not before.
    expect((await outbox.claimDue(10, NOW)).rows).toEqual([]);
    expect((await outbox.claimDue(10, retryAt)).rows.map((r) => r.id)).toEqual([retry]);
  });

  it('records only for the claim holder, and only once', async () => {
    await queue(2);
    const { token, rows } = await outbox.claimDue(10, NOW);
    const sent = rows.map((r) => ({
      id: r.id,
      attempt: { status: 'sent', result: '250 OK', messageId: null } as const,
    }));
    expect(await outbox.recordAll('someone-else', sent, NOW)).toBe(0);
    expect(await outbox.recordAll(token, sent, NOW)).toBe(2);
    expect(await outbox.recordAll(token, sent, NOW)).toBe(0);
    expect((await outbox.counts()).sent).toBe(2);
  });

  it('records a large group in one call', async () => {
    await queue(300);
    const { token, rows } = await outbox.claimDue(300, NOW);
    const attempts = rows.map((r, i) => ({
      id: r.id,
      attempt: {
        status: 'sent',
        result: `250 OK: queued as Q${i}`,
        messageId: `<${i}@x>`,
      } as const,
    }));
    expect(await outbox.recordAll(token, attempts, NOW)).toBe(300);
    const stored = await outbox.list({ status: 'sent' });
    expect(new Set(stored.map((r) => r.messageId)).size).toBe(300);
    for (const row of stored) {
      const i = attempts.findIndex((a) => a.id === row.id);
      expect(row.lastResult).toBe(`250 OK: queued as Q${i}`);
    }
  });

  it('never gives one row to two concurrent claims', async () => {
    await queue(40);
    const claims = await Promise.all([1, 2, 3, 4].map(() => outbox.claimDue(15, NOW)));
    const ids = claims.flatMap((c) => c.rows.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThanOrEqual(40);
  });

  it('gives back claimed rows never tried, as if they had not been taken', async () => {
    await queue(4);
    const { token, rows } = await outbox.claimDue(3, NOW);
    const [tried, ...untried] = rows.map((r) => r.id);
    expect(await outbox.release('someone-else', untried)).toBe(0);
    expect(await outbox.release(token, untried)).toBe(2);
    expect(await outbox.counts()).toMatchObject({ pending: 3, sending: 1 });
    expect((await outbox.find(tried ?? ''))?.status).toBe('sending');
    const again = await outbox.claimDue(3, NOW);
    expect(again.rows.map((r) => r.attempts)).toEqual([1, 1, 1]);
    expect(again.rows.map((r) => r.id)).toEqual(expect.arrayContaining(untried));
    expect(await outbox.release(token, untried)).toBe(0);
  });

  it('writes off a claim older than the lease as unknown', async () => {
    await queue(2);
    await outbox.claimDue(1, NOW);
    expect(await outbox.expireClaims(new Date(NOW.getTime() + 1))).toBe(1);
    expect(await outbox.counts()).toMatchObject({ unknown: 1, pending: 1, sending: 0 });
  });
});
