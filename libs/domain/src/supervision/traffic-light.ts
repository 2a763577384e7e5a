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

/** The light of one milestone of an item, from the facts the workflow and read model keep. */
export function milestoneLight(
  itemStatus: ItemStatus,
  milestone: Pick<Milestone, 'status' | 'dueAt' | 'escalation'> & { readonly warningFrom: string },
  now: string,
): TrafficLight {
  const finished =
    milestone.status === 'approved' || itemStatus === 'completed' || itemStatus === 'cancelled';
  return trafficLight({
    phase: itemStatus === 'draft' ? 'not_started' : finished ? 'done' : 'open',
    now,
    dueAt: milestone.dueAt,
    warningFrom: milestone.warningFrom,
    escalation: milestone.escalation,
  });
}

export function itemLight(
  itemStatus: ItemStatus,
  milestones: readonly Parameters<typeof milestoneLight>[1][],
  now: string,
): TrafficLight {
  return worstLight(milestones.map((m) => milestoneLight(itemStatus, m, now)));
}
