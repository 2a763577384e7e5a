import {
  MAX_DELIVERY_ATTEMPTS,
  renderBundle,
  renderDigest,
  renderNotice,
  retryDelayMs,
  type BundleHeading,
  type DigestData,
  type NoticeData,
  type RenderedMessage,
} from '@duban/notifications';
import type { AttemptResult, OutboxRow, PersonView } from '@duban/persistence';
import { ClaimedRows, expireClaims, type Recipients } from './claimed-rows';
import type { DeliveryOutcome } from './delivery-outcome';
import { messageIdFor, sendMail } from './mail-sender';
import type { NotificationDeps } from './notification-deps';
import { ResultWriter } from './result-writer';

/**
 * Rows claimed at a time. Claiming ahead keeps the pool busy however small a batch is; a small
 * one keeps down what a killed worker leaves `unknown` (the batch in hand and the one ahead).
 */
export const DELIVERY_BATCH = 100;

export interface DrainOptions {
  /** No batch is claimed after this time (epoch ms); claimed rows are always tried. */
  readonly until: number;
  readonly batch?: number;
  readonly onRecorded?: () => void;
}

/**
 * Sends due rows until none is left or `until` has passed, over `concurrency` lanes that take
 * rows as they come free: rows are claimed ahead and results written behind, so the SMTP
 * connections never wait for the database. `more` says the last batch was full and none was
 * claimed after it: more rows may be due.
 */
export async function drainOutbox(
  deps: NotificationDeps,
  { until, batch = DELIVERY_BATCH, onRecorded = () => undefined }: DrainOptions,
): Promise<{ attempted: number; more: boolean }> {
  await expireClaims(deps);
  const rows = new ClaimedRows(deps, batch, until);
  const results = new ResultWriter(deps, onRecorded);
  const lane = async () => {
    try {
      for (let next = await rows.take(); next; next = await rows.take()) {
        const outcome = await attempt(deps, next.row, next.batch.recipients);
        results.add(next.batch, { id: next.row.id, attempt: resultOf(deps, next.row, outcome) });
        // Nothing more goes out once a result could not be written: it could not be kept.
        if (results.failed) await rows.stop();
      }
    } catch (error) {
      await rows.stop();
      throw error;
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: deps.settings.concurrency }, lane));
  await results.written();
  for (const outcome of lanes) if (outcome.status === 'rejected') throw outcome.reason;
  return { attempted: rows.taken, more: rows.more };
}

/** One batch of at most `limit` rows, claimed and sent. Returns how many rows were tried. */
export async function deliverBatch(
  deps: NotificationDeps,
  limit: number,
  onRecorded: () => void = () => undefined,
): Promise<number> {
  const { attempted } = await drainOutbox(deps, { until: 0, batch: limit, onRecorded });
  return attempted;
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
      const message = await render(deps, row, 'zh-CN');
      return await deps.postChat(
        hook,
        { title: message.subject, markdown: message.markdown },
        { timeoutMs: 15_000 },
      );
    }
    const person = people.get(row.recipientId);
    if (!person?.active) return { status: 'failed', error: 'recipient unknown or inactive' };
    const message = await render(deps, row, person.locale);
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

async function render(
  deps: NotificationDeps,
  row: OutboxRow,
  locale: PersonView['locale'],
): Promise<RenderedMessage> {
  if (row.payload === null) throw new Error('the message has no content');
  switch (row.kind) {
    case 'digest':
      return renderDigest(row.payload as DigestData, locale);
    case 'bundle': {
      // A bundle keeps only its heading: the notices it lists are the rows folded into it.
      const folded = await deps.notifications.foldedInto(row.id);
      const notices = folded.map((notice) => notice.payload as NoticeData);
      return renderBundle({ ...(row.payload as BundleHeading), notices }, locale);
    }
    default:
      return renderNotice(row.payload as NoticeData, locale);
  }
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
