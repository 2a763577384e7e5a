import type { Day } from '../calendar/days';

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
