import { Context } from '@temporalio/activity';
import type { NotificationActivities } from '@duban/contracts';
import { createDigestQueue } from './delivery/digest-queue';
import type { NotificationDeps } from './delivery/notification-deps';
import { createNoticeBundler } from './delivery/notice-bundles';
import { drainOutbox } from './delivery/outbox-sender';
import { signalDispatcher } from './notification-schedule';

/** A round ends after this long, so the dispatcher's history shows steady progress. */
const ROUND_MS = 30_000;

/** From inside an activity, through the worker's own client. */
export function pokeDispatcher(): Promise<void> {
  return signalDispatcher(Context.current().client);
}

export function createNotificationActivities(deps: NotificationDeps): NotificationActivities {
  const queueDigestsFor = createDigestQueue(deps);
  const releaseBundles = createNoticeBundler(deps);
  return {
    async deliverNotifications() {
      const bundles = await releaseBundles(deps.now());
      // A heartbeat per message: a worker that dies mid-round is noticed within the timeout.
      const { attempted, more } = await drainOutbox(deps, {
        until: Date.now() + ROUND_MS,
        onRecorded: () => Context.current().heartbeat(),
      });
      const next = earliest(await deps.notifications.nextDueAt(), bundles.nextAt);
      return { attempted, more, nextDueAt: next?.toISOString() ?? null };
    },
    async queueDigests(at) {
      const queued = await queueDigestsFor(at);
      if (queued > 0) await pokeDispatcher();
      return queued;
    },
  };
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null || b === null) return a ?? b;
  return a < b ? a : b;
}
