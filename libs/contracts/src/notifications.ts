import { defineSignal } from '@temporalio/workflow';

/** Stable names: stored in histories and schedules, so never rename them. */
export const NOTIFICATION_DISPATCHER_WORKFLOW_TYPE = 'notificationDispatcherWorkflow';
export const DAILY_DIGEST_WORKFLOW_TYPE = 'dailyDigestWorkflow';

/** One dispatcher per namespace: it drains the outbox whenever something is due. */
export const NOTIFICATION_DISPATCHER_ID = 'notifications/dispatcher';
export const DAILY_DIGEST_SCHEDULE_ID = 'notifications/daily-digest';

/** Sent whenever rows were queued: the dispatcher looks at the outbox now, not at its next timer. */
export const outboxChangedSignal = defineSignal('outboxChanged');

export interface DeliveryRound {
  /** Rows attempted in this round. */
  readonly attempted: number;
  /** Whether due rows were left for another round. */
  readonly more: boolean;
  /** When the next waiting row falls due (ISO-8601), if any. */
  readonly nextDueAt: string | null;
}

export interface NotificationActivities {
  /** Sends what is due, in batches, until nothing due is left or the round's time is up. */
  deliverNotifications(): Promise<DeliveryRound>;
  /** Queues each person's digest for the working day `at` falls on; none on a day off. */
  queueDigests(at: string): Promise<number>;
}
