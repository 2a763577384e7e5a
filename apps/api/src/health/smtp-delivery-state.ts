import type { FinishedAttempt } from '@duban/persistence';
import type { DependencyHealth } from './health-report';

/**
 * How far back the outbox speaks for the SMTP server: a row waiting for a retry is tried at
 * least hourly (the backoff stops at an hour), so a server that refuses keeps showing here.
 */
export const DELIVERY_WINDOW_MS = 60 * 60 * 1000;
/** The newest attempts that are weighed; one of them sent is enough for `up`. */
export const DELIVERY_SAMPLE = 5;

/**
 * What the outbox says about an SMTP server that accepts connections: `degraded` with its last
 * reply when none of the newest attempts was sent (every one refused, deferred or failed), `up`
 * when one was, or when nothing was tried lately.
 */
export function smtpDeliveryState(newestFirst: readonly FinishedAttempt[]): DependencyHealth {
  const [newest] = newestFirst;
  if (!newest || newestFirst.some((attempt) => attempt.status === 'sent')) return { status: 'up' };
  return { status: 'degraded', lastReply: newest.result, at: newest.at };
}
