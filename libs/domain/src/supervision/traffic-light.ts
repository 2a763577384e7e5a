import type { LadderLight } from './escalation-policy';
import type { ItemStatus, Milestone } from './work-item';

/**
 * The one traffic-light rule (红黄绿灯), used by the workflow, the read model and the reports:
 * grey — not started or finished; red — overdue, or escalated to red; yellow — inside the
 * warning window, escalated to yellow, or behind the time-proportional schedule (序时进度);
 * green — on track.
 */
export type TrafficLight = 'green' | 'yellow' | 'red' | 'grey';

export interface LightFacts {
  readonly phase: 'not_started' | 'open' | 'done';
  /** ISO-8601 instants. */
  readonly now: string;
  readonly dueAt: string;
  readonly warningFrom: string;
  /** The light of the last escalation step that fired, if any. */
  readonly escalation: LadderLight | null;
  /** Numeric progress (0–1) since `startAt`, where the work has targets. */
  readonly schedule?: { readonly startAt: string; readonly progress: number };
}

/** Fraction of the time from start to deadline that has passed, 0–1. */
export function elapsedFraction(startAt: string, dueAt: string, now: string): number {
  const span = Date.parse(dueAt) - Date.parse(startAt);
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (Date.parse(now) - Date.parse(startAt)) / span));
}

export function trafficLight(facts: LightFacts): TrafficLight {
  if (facts.phase !== 'open') return 'grey';
  const now = Date.parse(facts.now);
  if (now >= Date.parse(facts.dueAt) || facts.escalation === 'red') return 'red';
  const behind =
    facts.schedule !== undefined &&
    facts.schedule.progress < elapsedFraction(facts.schedule.startAt, facts.dueAt, facts.now);
  if (facts.escalation === 'yellow' || now >= Date.parse(facts.warningFrom) || behind) {
    return 'yellow';
  }
  return 'green';
}

const SEVERITY: Readonly<Record<TrafficLight, number>> = { grey: 0, green: 1, yellow: 2, red: 3 };

/** An item shows its worst open milestone; grey when nothing is open. */
export function worstLight(lights: readonly TrafficLight[]): TrafficLight {
  return lights.reduce<TrafficLight>(
    (worst, light) => (SEVERITY[light] > SEVERITY[worst] ? light : worst),
    'grey',
  );
}

/**
 * How far the item's numeric targets are done, 0–1: the latest value reported for each target
 * against its quantity, the furthest-behind target counting. Null when the item has no targets.
 */
export function targetProgress(
  quantities: readonly number[],
  milestones: readonly Pick<Milestone, 'submissions'>[],
): number | null {
  if (quantities.length === 0) return null;
  const latest = new Map<number, { at: string; value: number }>();
  for (const submission of milestones.flatMap((m) => m.submissions)) {
    for (const { target, value } of submission.progress) {
      const known = latest.get(target);
      if (!known || known.at <= submission.at) latest.set(target, { at: submission.at, value });
    }
  }
  return Math.min(
    ...quantities.map((quantity, i) => Math.min(1, (latest.get(i)?.value ?? 0) / quantity)),
  );
}

/** The light of one milestone of an item, from the facts the workflow and read model keep. */
export function milestoneLight(
  itemStatus: ItemStatus,
  milestone: Pick<Milestone, 'status' | 'dueAt' | 'escalation'> & { readonly warningFrom: string },
  now: string,
  schedule?: LightFacts['schedule'],
): TrafficLight {
  const finished =
    milestone.status === 'approved' || itemStatus === 'completed' || itemStatus === 'cancelled';
  return trafficLight({
    phase: itemStatus === 'draft' ? 'not_started' : finished ? 'done' : 'open',
    now,
    dueAt: milestone.dueAt,
    warningFrom: milestone.warningFrom,
    escalation: milestone.escalation,
    ...(schedule && { schedule }),
  });
}

/**
 * An item's light: its worst milestone, where the last milestone (the item's own deadline) also
 * weighs numeric progress against the time elapsed since supervision started (序时进度).
 */
export function itemLight(
  item: {
    readonly status: ItemStatus;
    readonly startedAt: string;
    readonly targetQuantities: readonly number[];
    readonly milestones: readonly (Parameters<typeof milestoneLight>[1] &
      Pick<Milestone, 'submissions'>)[];
  },
  now: string,
): TrafficLight {
  const progress = targetProgress(item.targetQuantities, item.milestones);
  const last = item.milestones.length - 1;
  return worstLight(
    item.milestones.map((m, i) =>
      milestoneLight(
        item.status,
        m,
        now,
        i === last && progress !== null ? { startAt: item.startedAt, progress } : undefined,
      ),
    ),
  );
}

/** Whether an open item has a milestone past its deadline and not approved. */
export function itemOverdue(
  item: {
    readonly status: ItemStatus;
    readonly milestones: readonly Pick<Milestone, 'status' | 'dueAt'>[];
  },
  now: string,
): boolean {
  if (item.status === 'completed' || item.status === 'cancelled') return false;
  return item.milestones.some(
    (m) => m.status !== 'approved' && Date.parse(m.dueAt) <= Date.parse(now),
  );
}
