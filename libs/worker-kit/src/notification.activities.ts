import { Context } from '@temporalio/activity';
import type { NotificationActivities } from '@duban/contracts';
import { createDigestQueue } from './delivery/digest-queue';
import type { NotificationDeps } from './delivery/notification-deps';
import { DELIVERY_BATCH, deliverBatch } from './delivery/outbox-sender';
import { signalDispatcher } from './notification-schedule';

/** A round ends after this long, so the dispatcher's history shows steady progress. */
const ROUND_MS = 30_000;

/** From inside an activity, through the worker's own client. */
export function pokeDispatcher(): Promise<void> {
  return signalDispatcher(Context.current().client);
}

export function createNotificationActivities(deps: NotificationDeps): NotificationActivities {
  const queueDigestsFor = createDigestQueue(deps);
  return {
    async deliverNotifications() {
      const started = Date.now();
      let attempted = 0;
      let last = DELIVERY_BATCH;
      while (last === DELIVERY_BATCH && Date.now() - started < ROUND_MS) {
        // A heartbeat per message: a worker that dies mid-round is noticed within the timeout.
        last = await deliverBatch(deps, DELIVERY_BATCH, () => Context.current().heartbeat());
        attempted += last;
      }
      const next = await deps.notifications.nextDueAt();
      return { attempted, more: last === DELIVERY_BATCH, nextDueAt: next?.toISOString() ?? null };
    },
    async queueDigests(at) {
      const queued = await queueDigestsFor(at);
      if (queued > 0) await pokeDispatcher();
      return queued;
    },
  };
}
