import { ParentClosePolicy, proxyActivities, sleep, startChild } from '@temporalio/workflow';

/**
 * The supervision workflows plus a no-op pair shaped like them (a parent starting children in
 * the same batches; children that wait for a timer, then run one activity): the baseline the
 * supervision benchmark measures against on the same server in the same run.
 */
export { planWorkflow, workItemWorkflow } from '../index';

export interface BenchActivities {
  benchTimerFired(id: string, scheduledAt: string): Promise<void>;
}

const { benchTimerFired } = proxyActivities<BenchActivities>({ startToCloseTimeout: '1 minute' });

const START_BATCH = 100;

export async function noopChildWorkflow(id: string, fireAt: string): Promise<void> {
  await benchTimerFired(id, new Date(Date.now()).toISOString());
  await sleep(Math.max(0, Date.parse(fireAt) - Date.now()));
  await benchTimerFired(id, fireAt);
}

export async function noopParentWorkflow(
  prefix: string,
  count: number,
  fireAt: string,
): Promise<void> {
  for (let i = 0; i < count; i += START_BATCH) {
    const batch = Array.from({ length: Math.min(START_BATCH, count - i) }, (_, j) => i + j + 1);
    await Promise.all(
      batch.map((n) =>
        startChild(noopChildWorkflow, {
          workflowId: `${prefix}/${n}`,
          args: [`${prefix}/${n}`, fireAt],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        }),
      ),
    );
  }
}
