import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleSpec,
} from '@temporalio/client';
import {
  DAILY_DIGEST_SCHEDULE_ID,
  DAILY_DIGEST_WORKFLOW_TYPE,
  NOTIFICATION_DISPATCHER_ID,
  NOTIFICATION_DISPATCHER_WORKFLOW_TYPE,
  TaskQueue,
  outboxChangedSignal,
} from '@duban/contracts';

/** Every day at the morning time in China; the digest itself skips days off (调休 included). */
export function digestScheduleSpec(morning: string): ScheduleSpec {
  const [hour = 8, minute = 30] = morning.split(':').map(Number);
  return { calendars: [{ hour, minute }], timezone: 'Asia/Shanghai' };
}

/**
 * Tells the dispatcher something was queued, starting it if it is not running (a fresh
 * namespace, or one where it was terminated by hand).
 */
export async function signalDispatcher(client: Client): Promise<void> {
  await client.workflow.signalWithStart(NOTIFICATION_DISPATCHER_WORKFLOW_TYPE, {
    workflowId: NOTIFICATION_DISPATCHER_ID,
    taskQueue: TaskQueue.supervision,
    signal: outboxChangedSignal,
    args: [],
  });
}

/**
 * Makes sure the outbox dispatcher runs and the daily digest schedule exists with the configured
 * time; safe to call from every worker at every start.
 */
export async function ensureNotificationWorkflows(client: Client, morning: string): Promise<void> {
  await signalDispatcher(client);
  const spec = digestScheduleSpec(morning);
  try {
    await client.schedule.create({
      scheduleId: DAILY_DIGEST_SCHEDULE_ID,
      spec,
      action: {
        type: 'startWorkflow',
        workflowType: DAILY_DIGEST_WORKFLOW_TYPE,
        workflowId: 'notifications/digest',
        taskQueue: TaskQueue.supervision,
        args: [],
      },
      // A worker down at 08:30 still sends the morning's digest when it is back within hours.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '4 hours' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(DAILY_DIGEST_SCHEDULE_ID).update((previous) => ({
      ...previous,
      spec,
    }));
  }
}
