import type { WorkItemCommand } from './work-item-commands';
import type { WorkItemState } from './work-item';

/**
 * Who asked for what a leader now decides, in the state before the decision: the person who
 * submitted the milestone's progress (approved or returned), or who requested its extension.
 * They hear of the decision themselves, whoever the item's responsible person is.
 */
export function requesterOf(state: WorkItemState, command: WorkItemCommand): string | null {
  if (
    command.type !== 'approveMilestone' &&
    command.type !== 'returnMilestone' &&
    command.type !== 'decideExtension'
  ) {
    return null;
  }
  const milestone = state.milestones.find((m) => m.key === command.milestoneKey);
  if (!milestone) return null;
  return command.type === 'decideExtension'
    ? (milestone.extension?.by ?? null)
    : (milestone.submissions.at(-1)?.by ?? null);
}
