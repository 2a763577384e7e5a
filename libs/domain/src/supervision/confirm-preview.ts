import type { WorkingCalendar } from '../calendar/working-calendar';
import { lateSteps } from './due-steps';
import { resolveRecipients, type OrgSnapshot } from './recipients';
import type { WorkItemState } from './work-item';

/** What to do at confirm with ladder steps whose time has already passed. */
export const PAST_DUE_CHOICES = ['notify', 'skip'] as const;
export type PastDueChoice = (typeof PAST_DUE_CHOICES)[number];

/** What confirming will set off, told to the supervision office before it does. */
export interface ConfirmPreview {
  readonly items: number;
  /** Items with a lead unit: they start assigned, with an assignment notice. */
  readonly assignedItems: number;
  /** Assigned items whose reminders would reach nobody (no responsible person, no unit head). */
  readonly itemsWithoutRecipient: readonly number[];
  /** Items with a milestone whose deadline has already passed. */
  readonly overdueItems: number;
  /** Ladder steps already past: told as catch-ups (`notify`) or not at all (`skip`). */
  readonly lateSteps: number;
  readonly notices: {
    /** Assignment notices, one per person per assigned item. */
    readonly assignment: number;
    /** Catch-up messages with `notify`: one per person, whatever the number of items. */
    readonly catchUp: number;
  };
  /** Who would get a catch-up, and for how many items; most items first. */
  readonly catchUpPeople: readonly {
    readonly personId: string;
    readonly name: string | null;
    readonly items: number;
  }[];
  /** Confirm must say `notify` or `skip` when anything is already late. */
  readonly choiceRequired: boolean;
}

/**
 * What confirming a plan whose items start in `states` will send, by the same rules the
 * workflows follow: the assignment notice, and the catch-up of steps already past.
 */
export function confirmPreview(
  states: readonly WorkItemState[],
  calendar: WorkingCalendar,
  org: OrgSnapshot,
  now: number,
): ConfirmPreview {
  const assigned = states.filter((s) => s.status === 'assigned');
  const catchUps = new Map<string, Set<number>>();
  let late = 0;
  for (const state of assigned) {
    for (const steps of lateSteps(state, calendar, now)) {
      late += steps.steps.length;
      for (const { personId } of resolveRecipients(steps.recipients, state.responsibility, org)) {
        catchUps.set(personId, (catchUps.get(personId) ?? new Set()).add(state.itemNo));
      }
    }
  }
  const overdue = states.filter((s) => s.milestones.some((m) => Date.parse(m.dueAt) <= now));
  return {
    items: states.length,
    assignedItems: assigned.length,
    itemsWithoutRecipient: assigned
      .filter((s) => resolveRecipients(['responsible'], s.responsibility, org).length === 0)
      .map((s) => s.itemNo),
    overdueItems: overdue.length,
    lateSteps: late,
    notices: {
      assignment: assigned
        .map((s) => resolveRecipients(['responsible', 'unit_head'], s.responsibility, org).length)
        .reduce((a, b) => a + b, 0),
      catchUp: catchUps.size,
    },
    catchUpPeople: [...catchUps]
      .map(([personId, items]) => ({
        personId,
        name: org.people.find((p) => p.id === personId)?.name ?? null,
        items: items.size,
      }))
      .sort((a, b) => b.items - a.items),
    choiceRequired: late > 0,
  };
}
