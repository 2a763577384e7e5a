import type { WorkingCalendar } from '../calendar/working-calendar';
import type { EscalationPolicy, LadderLight, RecipientRole } from './escalation-policy';
import { offsetFrom } from './offsets';

/** One rung of a milestone's ladder: a reminder before its deadline or an escalation after. */
export interface LadderStep {
  readonly kind: 'reminder' | 'escalation';
  /** Position within its kind, from 0: with the milestone, the step's stable identity. */
  readonly step: number;
  /** ISO-8601 instant at which the step fires. */
  readonly at: string;
  readonly recipients: readonly RecipientRole[];
  /** The light an escalation turns the milestone; reminders leave it alone. */
  readonly light: LadderLight | null;
  readonly urgingNotice: boolean;
}

/**
 * Every step of a milestone due at `dueAt`, in firing order. Reminders that would fire on or
 * after the deadline are dropped, and steps keep their policy order where instants tie.
 */
export function ladderFor(
  dueAt: string,
  policy: EscalationPolicy,
  calendar: WorkingCalendar,
): LadderStep[] {
  const due = Date.parse(dueAt);
  const reminders: LadderStep[] = policy.reminders.map((rule, step) => ({
    kind: 'reminder',
    step,
    at: offsetFrom(dueAt, rule.before, -1, calendar, policy.notifyAt),
    recipients: policy.reminderRecipients,
    light: null,
    urgingNotice: false,
  }));
  const escalations: LadderStep[] = policy.escalations.map((rule, step) => ({
    kind: 'escalation',
    step,
    at: offsetFrom(dueAt, rule.after, 1, calendar, policy.notifyAt),
    recipients: rule.recipients,
    light: rule.light,
    urgingNotice: rule.urgingNotice,
  }));
  return [...reminders.filter((r) => Date.parse(r.at) < due), ...escalations]
    .map((step, order) => ({ step, order }))
    .sort((a, b) => Date.parse(a.step.at) - Date.parse(b.step.at) || a.order - b.order)
    .map(({ step }) => step);
}

/** The instant from which the light turns yellow ahead of the deadline. */
export function warningFrom(
  dueAt: string,
  policy: EscalationPolicy,
  calendar: WorkingCalendar,
): string {
  return offsetFrom(dueAt, policy.warningWindow, -1, calendar, '00:00');
}
