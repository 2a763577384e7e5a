import { dayAt, instantAt, yearOf, type Day } from '../calendar/days';
import { CHINA_UTC_OFFSET_MINUTES, endOfDay } from './offsets';
import type { Milestone, WorkItemState } from './work-item';

export interface MilestonePlan {
  /** Stable within the item: `q1`…`q3` for quarter ends, `final` for the item's own deadline. */
  readonly key: string;
  readonly title: string;
  readonly due: Day;
}

const QUARTER_ENDS = [
  { key: 'q1', title: '第一季度进展', monthDay: '03-31' },
  { key: 'q2', title: '第二季度进展', monthDay: '06-30' },
  { key: 'q3', title: '第三季度进展', monthDay: '09-30' },
] as const;

/**
 * The default milestones of an item: the quarter ends of the plan year that come before its
 * deadline, then the deadline itself.
 */
export function defaultMilestones(year: number, itemDue: Day): MilestonePlan[] {
  const quarters = QUARTER_ENDS.map((q) => ({
    key: q.key,
    title: q.title,
    due: `${year}-${q.monthDay}`,
  }));
  return [
    ...quarters.filter((q) => q.due < itemDue),
    { key: 'final', title: '完成', due: itemDue },
  ];
}

/**
 * A milestone key names the milestone in URLs, outbox keys (`workflow/milestone/step/recipient`)
 * and ladder step ids, so it is a short identifier without separators or spaces.
 */
export const MILESTONE_KEY = /^[a-z][a-z0-9_-]{0,31}$/;

export const MILESTONE_KEY_RULE = {
  message: '须以小写字母开头，由小写字母、数字、_ 或 - 组成，最多 32 个字符',
  messageEn:
    'must start with a lower-case letter and have at most 32 lower-case letters, digits, _ or -',
} as const;

/** At most one milestone a month, with room for a few extra checkpoints. */
export const MILESTONES_MAX = 24;

/**
 * How long after its year a plan's work may still fall due: through the first quarter of the
 * next year, when the bureau reports on the year (年度总结); a later deadline is next year's plan.
 */
export const DUE_GRACE_UNTIL = '03-31';

/** When an item's milestones may fall due: from the start of the first day to the end of the last. */
export interface DueWindow {
  readonly firstDay: Day;
  readonly lastDay: Day;
  /** The same, as instants (inclusive). */
  readonly from: string;
  readonly until: string;
}

/**
 * The plan year and its grace. A state started before the plan year was recorded in it takes the
 * year of its earliest milestone: the default milestones all fall due in the plan year.
 */
export function dueWindow(
  state: Pick<WorkItemState, 'planYear' | 'milestones' | 'startedAt'>,
): DueWindow {
  const earliest = state.milestones.map((m) => m.dueAt).sort()[0] ?? state.startedAt;
  const year = state.planYear ?? yearOf(dayAt(earliest, CHINA_UTC_OFFSET_MINUTES));
  const firstDay = `${year}-01-01`;
  const lastDay = `${year + 1}-${DUE_GRACE_UNTIL}`;
  return {
    firstDay,
    lastDay,
    from: instantAt(firstDay, '00:00', CHINA_UTC_OFFSET_MINUTES),
    until: endOfDay(lastDay),
  };
}

/** The milestone that sets the item's own deadline: the one due last. */
export function finalMilestone(milestones: readonly Milestone[]): Milestone | undefined {
  return milestones.reduce<Milestone | undefined>(
    (last, m) => (last === undefined || m.dueAt > last.dueAt ? m : last),
    undefined,
  );
}
