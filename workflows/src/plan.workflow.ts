import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, condition, startChild } from '@temporalio/workflow';
import {
  WORK_ITEM_WORKFLOW_TYPE,
  workItemWorkflowId,
  type PlanWorkflowInput,
  type WorkItemInput,
} from '@duban/contracts';

/** Children started together in one workflow task: a 1,000-item plan starts in seconds. */
const START_BATCH = 100;

/**
 * A confirmed plan: starts one work-item workflow per item, each under a fixed id, so a plan
 * confirmed twice (or this workflow replayed) starts no item twice. Items live on their own
 * (abandoned, not terminated, when this closes); the year-end review will be hosted here.
 */
export async function planWorkflow(input: PlanWorkflowInput): Promise<void> {
  for (let i = 0; i < input.items.length; i += START_BATCH) {
    await Promise.all(
      input.items.slice(i, i + START_BATCH).map((item) => startItem(input.planId, item)),
    );
  }
  // Waits for the year-end review, which a later change adds as a signal.
  await condition(() => false);
}

async function startItem(planId: string, item: WorkItemInput): Promise<void> {
  try {
    await startChild(WORK_ITEM_WORKFLOW_TYPE, {
      workflowId: workItemWorkflowId(planId, item.state.itemNo),
      args: [item],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
