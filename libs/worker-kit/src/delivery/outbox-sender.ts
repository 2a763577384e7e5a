import {
  MAX_DELIVERY_ATTEMPTS,
  renderDigest,
  renderNotice,
  retryDelayMs,
  type DigestData,
  type NoticeData,
  type RenderedMessage,
} from '@duban/notifications';
import type { AttemptResult, OutboxRow, PersonView, RecordedAttempt } from '@duban/persistence';
import type { ChatWebhookSpec } from '@duban/domain';
import type { DeliveryOutcome } from './delivery-outcome';
import { messageIdFor, sendMail } from './mail-sender';
import type { NotificationDeps } from './notification-deps';
import { eachConcurrently } from './concurrently';

/** Rows claimed at a time: enough to keep the pool busy, few enough to come back to soon. */
export const DELIVERY_BATCH = 250;

/** Results written per commit. */
const RECORD_GROUP = 25;

interface Recipients {
  readonly people: ReadonlyMap<string, PersonView>;
  readonly webhooks: ReadonlyMap<string, ChatWebhookSpec>;
}

/**
 * One batch: rows whose sender died are written off as `unknown`, up to `limit` due rows are
 * claimed, sent over the pooled connection a few at a time, and each result is recorded as soon
 * as it is known. Returns how many rows were attempted.
 */
export async function deliverBatch(
  deps: NotificationDeps,
  limit: number,
  onRecorded: () => void = () => undefined,
): Promise<number> {
  const { notifications, settings } = deps;
  await notifications.expireClaims(new Date(deps.now().getTime() - settings.claimLeaseMs));
  const { token, rows } = await notifications.claimDue(limit, deps.now());
  if (rows.length === 0) return 0;
  const [people, webhooks] = await Promise.all([deps.org.listPeople(), deps.org.chatWebhooks()]);
  const recipients = { people: new Map(people.map((p) => [p.id, p])), webhooks };
  // Results are written in small groups, each one commit, while the lanes go on sending: a
  // commit per message would cost more than the message. A sender that dies with results not
  // yet written leaves those rows `sending`, and they end `unknown`, never sent twice.
  const pending: RecordedAttempt[] = [];
  const writes: Promise<void>[] = [];
  const flush = () => {
    const group = pending.splice(0);
    writes.push(
      notifications.recordAll(token, group, deps.now()).then(() => group.forEach(onRecorded)),
    );
  };
  await eachConcurrently(rows, settings.concurrency, async (row) => {
    const outcome = await attempt(deps, row, recipients);
    pending.push({ id: row.id, attempt: resultOf(deps, row, outcome) });
    if (pending.length >= RECORD_GROUP) flush();
  });
  flush();
  await Promise.all(writes);
  return rows.length;
}

async function attempt(
  deps: NotificationDeps,
  row: OutboxRow,
  { people, webhooks }: Recipients,
): Promise<DeliveryOutcome> {
  try {
    if (row.channel === 'chat') {
      const hook = webhooks.get(row.recipientId);
      if (!hook) return { status: 'failed', error: 'the unit has no group-chat robot any more' };
      const message = render(row, 'zh-CN');
      return await deps.postChat(
        hook,
        { title: message.subject, markdown: message.markdown },
        { timeoutMs: 15_000 },
      );
    }
    const person = people.get(row.recipientId);
    if (!person?.active) return { status: 'failed', error: 'recipient unknown or inactive' };
    const message = render(row, person.locale);
    return await sendMail(deps.mail, {
      from: deps.settings.from,
      to: { name: person.name, address: person.email },
      ...message,
      messageId: messageIdFor(row.idempotencyKey, deps.settings.from),
    });
  } catch (error) {
    // A message that cannot be rendered will not render next time either.
    return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}

function render(row: OutboxRow, locale: PersonView['locale']): RenderedMessage {
  if (row.payload === null) throw new Error('the message has no content');
  return row.kind === 'digest'
    ? renderDigest(row.payload as DigestData, locale)
    : renderNotice(row.payload as NoticeData, locale);
}

function resultOf(deps: NotificationDeps, row: OutboxRow, outcome: DeliveryOutcome): AttemptResult {
  switch (outcome.status) {
    case 'sent':
      return {
        status: 'sent',
        result: outcome.response,
        messageId:
          row.channel === 'email' ? messageIdFor(row.idempotencyKey, deps.settings.from) : null,
      };
    case 'retry':
      // `attempts` already counts this one: it was raised when the row was claimed.
      if (row.attempts >= MAX_DELIVERY_ATTEMPTS) {
        return {
          status: 'failed',
          result: `gave up after ${row.attempts} attempts: ${outcome.error}`,
        };
      }
      return {
        status: 'pending',
        result: outcome.error,
        retryAt: new Date(
          deps.now().getTime() + retryDelayMs(row.attempts, deps.settings.retryBaseMs),
        ),
      };
    case 'failed':
    case 'unknown':
      return { status: outcome.status, result: outcome.error };
  }
}
