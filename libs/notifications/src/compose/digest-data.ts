import { ladderRuns, milestoneLight, type Milestone, type WorkItemState } from '@duban/domain';
import type { DigestEntry, NoticeItem } from '../message.types';

/** An item as a digest needs it: its state, and when each milestone's light turns yellow. */
export interface DigestItemFacts {
  readonly item: NoticeItem;
  readonly state: Pick<WorkItemState, 'status'> & {
    readonly milestones: readonly (Milestone & { readonly warningFrom: string })[];
  };
}

const DAY_MS = 86_400_000;

/**
 * The milestones a person still has to act on that are coming due (the light is no longer
 * green) or overdue; overdue first, the longest overdue at the top, then the soonest due.
 */
export function digestEntries(items: readonly DigestItemFacts[], now: string): DigestEntry[] {
  const entries = items.flatMap(({ item, state }) =>
    state.milestones
      .filter((m) => ladderRuns(state, m))
      .filter((m) => milestoneLight(state.status, m, now) !== 'green')
      .map((m) => entry(item, m, now)),
  );
  return entries.sort(
    (a, b) =>
      (a.state === b.state ? 0 : a.state === 'overdue' ? -1 : 1) ||
      (a.state === 'overdue' ? b.days - a.days : a.days - b.days),
  );
}

function entry(item: NoticeItem, m: Milestone, now: string): DigestEntry {
  const left = Date.parse(m.dueAt) - Date.parse(now);
  return {
    item,
    milestone: { title: m.title, dueAt: m.dueAt },
    state: left <= 0 ? 'overdue' : 'due',
    days: left <= 0 ? Math.floor(-left / DAY_MS) : Math.floor(left / DAY_MS),
  };
}
