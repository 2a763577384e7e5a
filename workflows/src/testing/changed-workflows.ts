import { sleep } from '@temporalio/workflow';
import type { WorkItemInput } from '@duban/contracts';
import { workItemWorkflow as released } from '../work-item.workflow';

/**
 * The released work-item workflow with one command added in front and no `patched()`: the change
 * the replay test must catch. Used by apps/worker's workflow-replay.spec.ts only.
 */
export async function workItemWorkflow(input: WorkItemInput) {
  await sleep('1 second');
  return released(input);
}
