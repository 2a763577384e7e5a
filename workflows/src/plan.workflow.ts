import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, condition, startChild } from '@temporalio/workflow';
import {
  WORK_ITEM_WORKFLOW_TYPE,
  workItemWorkflowId,
  type PlanWorkflowInput,
} from '@duban/contracts';

/**
 * A confirmed plan: starts one work-item workflow per item, each under a fixed id, so a plan
 * confirmed twice (or this workflow replayed) starts no item twice. Items live on their own
 * (abandoned, not terminated, when this closes); the year-end review will be hosted here.
 */
export async function planWorkflow(input: PlanWorkflowInput): Promise<void> {
  for (const item of input.items) {
    try {
      await startChild(WORK_ITEM_WORKFLOW_TYPE, {
        workflowId: workItemWorkflowId(input.planId, item.state.itemNo),
        args: [item],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
  // Waits for the year-end review, which a later change adds as a signal.
  await condition(() => false);
}
