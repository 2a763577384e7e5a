import {
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { outboxChangedSignal, type NotificationActivities } from '@duban/contracts';

const { deliverNotifications } = proxyActivities<NotificationActivities>({
  // A round stops itself after half a minute; a heartbeat per message proves it is alive.
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Even with nothing queued, look again now and then: a row's due time may have come. */
const IDLE_MS = 10 * 60_000;
const HISTORY_LIMIT = 2000;

/**
 * Drains the notification outbox for the whole namespace: a round of deliveries, then a wait
 * until the next row falls due or a signal says something was queued.
 */
export async function notificationDispatcherWorkflow(): Promise<void> {
  let poked = false;
  setHandler(outboxChangedSignal, () => {
    poked = true;
  });
  while (workflowInfo().historyLength < HISTORY_LIMIT && !workflowInfo().continueAsNewSuggested) {
    poked = false;
    const round = await deliverNotifications();
    if (round.more) continue;
    const untilDue = round.nextDueAt === null ? IDLE_MS : Date.parse(round.nextDueAt) - Date.now();
    // A due row nobody could take (clocks apart) is looked at again in a second, not in a spin.
    const wait = Math.min(IDLE_MS, Math.max(untilDue, round.attempted === 0 ? 1000 : 0));
    if (wait > 0) await condition(() => poked, wait);
  }
  await continueAsNew<typeof notificationDispatcherWorkflow>();
}
