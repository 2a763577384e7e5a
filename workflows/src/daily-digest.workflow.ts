import { proxyActivities } from '@temporalio/workflow';
import type { NotificationActivities } from '@duban/contracts';

const { queueDigests } = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/**
 * Started by the daily schedule: queues each person's digest for this working morning (the
 * activity knows the calendar and skips days off). Returns how many were queued.
 */
export async function dailyDigestWorkflow(): Promise<number> {
  return queueDigests(new Date(Date.now()).toISOString());
}
