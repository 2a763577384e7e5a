import type { WorkingCalendar } from '../calendar/working-calendar';
import type { RecipientRole } from './escalation-policy';
import { ladderFor, type LadderStep } from './ladder';
import { ladderRuns, stepId, type WorkItemState } from './work-item';

/** A ladder step waiting to fire, with the milestone and the deadline its ladder hangs from. */
export interface DueStep {
  readonly milestoneKey: string;
  readonly dueAt: string;
  readonly step: LadderStep;
}

/**
 * A step this much past its time is old news: it and the steps that fell due with it are told
 * once, as a catch-up (a plan confirmed after its deadlines, a worker down over a weekend).
 */
export const LATE_STEP_MS = 60 * 60_000;

/** What one milestone's late steps collapse into: one notice, to everyone any of them named. */
export interface CatchUpStep {
  readonly milestoneKey: string;
  readonly dueAt: string;
  /** Every late step, in firing order; the last one is what the notice tells. */
  readonly steps: readonly LadderStep[];
  readonly recipients: readonly RecipientRole[];
  readonly urgingNotice: boolean;
}

function pendingSteps(state: WorkItemState, calendar: WorkingCalendar): DueStep[] {
  const since = state.policySince === null ? -Infinity : Date.parse(state.policySince);
  return state.milestones
    .filter((milestone) => ladderRuns(state, milestone))
    .flatMap((milestone) =>
      ladderFor(milestone.dueAt, state.policy, calendar)
        .filter(
          (s) =>
            Date.parse(s.at) >= since &&
            !milestone.firedSteps.includes(stepId(s.kind, s.step, state.policy.version)),
        )
        .map((step) => ({ milestoneKey: milestone.key, dueAt: milestone.dueAt, step })),
    );
}

/**
 * The earliest ladder step not yet fired, over every milestone whose ladder still runs; under an
 * overridden policy, steps that fell due before the override are skipped.
 */
export function nextStep(state: WorkItemState, calendar: WorkingCalendar): DueStep | undefined {
  let earliest: DueStep | undefined;
  for (const due of pendingSteps(state, calendar)) {
    if (!earliest || Date.parse(due.step.at) < Date.parse(earliest.step.at)) earliest = due;
  }
  return earliest;
}

/** Whether the next step is so late that what fell due by now is caught up in one go. */
export function isLate(due: DueStep, now: number): boolean {
  return now - Date.parse(due.step.at) > LATE_STEP_MS;
}

/** Per milestone, every step due by `now` that has not fired, collapsed into one notice. */
export function lateSteps(
  state: WorkItemState,
  calendar: WorkingCalendar,
  now: number,
): CatchUpStep[] {
  const byMilestone = new Map<string, { dueAt: string; steps: LadderStep[] }>();
  for (const { milestoneKey, dueAt, step } of pendingSteps(state, calendar)) {
    if (Date.parse(step.at) > now) continue;
    const group = byMilestone.get(milestoneKey) ?? { dueAt, steps: [] };
    byMilestone.set(milestoneKey, { dueAt, steps: [...group.steps, step] });
  }
  return [...byMilestone].map(([milestoneKey, { dueAt, steps }]) => {
    const escalations = steps.filter((s) => s.kind === 'escalation');
    // Past the deadline, the reminders before it have nothing left to say.
    const told = escalations.length > 0 ? escalations : steps.slice(-1);
    return {
      milestoneKey,
      dueAt,
      steps,
      recipients: [...new Set(told.flatMap((s) => s.recipients))],
      urgingNotice: told.some((s) => s.urgingNotice),
    };
  });
}
