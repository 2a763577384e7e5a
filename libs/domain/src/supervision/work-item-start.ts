import type { Day } from '../calendar/days';
import type { EscalationPolicy } from './escalation-policy';
import { defaultMilestones } from './milestones';
import { endOfDay } from './offsets';
import type { ItemResponsibility } from '../access/item-access';
import { pendingMilestone, type WorkItemState } from './work-item';

export interface ConfirmedItem {
  readonly id: string;
  readonly no: number;
  readonly title: string;
  readonly due: Day;
  readonly targetQuantities: readonly number[];
  /** The responsible person may be named in the draft already; else the unit head is reminded. */
  readonly responsibility: ItemResponsibility & { readonly responsibleId?: string | null };
}

/**
 * Where a confirmed item's supervision starts: assigned to its lead unit if the review named
 * one (else a draft waiting for assignment), with the default milestones.
 */
export function initialWorkItemState(
  planId: string,
  year: number,
  item: ConfirmedItem,
  policy: EscalationPolicy,
  startedAt: string,
): WorkItemState {
  return {
    planId,
    itemId: item.id,
    itemNo: item.no,
    planYear: year,
    title: item.title,
    targetQuantities: item.targetQuantities,
    status: item.responsibility.leadUnitId === null ? 'draft' : 'assigned',
    responsibility: {
      ...item.responsibility,
      responsibleId: item.responsibility.responsibleId ?? null,
    },
    milestones: defaultMilestones(year, item.due).map((m) =>
      pendingMilestone(m.key, m.title, endOfDay(m.due)),
    ),
    startedAt,
    policy,
    policySince: null,
  };
}
