import { WorkingCalendar } from '../calendar/working-calendar';
import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from './escalation-policy';
import { ladderFor, warningFrom } from './ladder';
import { durationMs, endOfDay } from './offsets';

/** The 2024 National Day week as the State Council set it. */
const calendar = new WorkingCalendar({
  coveredYears: [2024],
  holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'],
  makeUpWorkdays: ['2024-09-29', '2024-10-12'],
});

const at9 = (day: string) => `${day}T01:00:00.000Z`;

describe('escalation ladder', () => {
  it('reminds 7, 3 and 1 working days before, then escalates on the due day, +3 and +7 working days', () => {
    const steps = ladderFor(endOfDay('2024-09-30'), DEFAULT_ESCALATION_POLICY, calendar);
    expect(
      steps.map((s) => [s.kind, s.step, s.at, s.recipients.join('+'), s.light, s.urgingNotice]),
    ).toEqual([
      ['reminder', 0, at9('2024-09-20'), 'responsible', null, false],
      ['reminder', 1, at9('2024-09-26'), 'responsible', null, false],
      // Sunday 09-29 is a make-up working day.
      ['reminder', 2, at9('2024-09-29'), 'responsible', null, false],
      ['escalation', 0, at9('2024-09-30'), 'responsible+unit_head', 'yellow', false],
      // Over the holiday: 10-08, 10-09, 10-10.
      ['escalation', 1, at9('2024-10-10'), 'leader', 'red', false],
      // 10-11, Saturday 10-12 (worked), 10-14, 10-15.
      ['escalation', 2, at9('2024-10-15'), 'principal_leader+supervisor', 'red', true],
    ]);
  });

  it('escalates a deadline on a day off from the next working day', () => {
    const steps = ladderFor(endOfDay('2024-10-03'), DEFAULT_ESCALATION_POLICY, calendar);
    expect(steps.find((s) => s.kind === 'escalation')?.at).toBe(at9('2024-10-08'));
  });

  const seconds: EscalationPolicy = {
    ...DEFAULT_ESCALATION_POLICY,
    reminders: [{ before: { duration: 'PT6S' } }, { before: { duration: 'PT3S' } }],
    escalations: DEFAULT_ESCALATION_POLICY.escalations.map((rule, i) => ({
      ...rule,
      after: { duration: `PT${i * 2}S` },
    })),
    warningWindow: { duration: 'PT6S' },
  };

  it('runs on seconds when the policy says so, in firing order', () => {
    const due = '2026-11-28T10:00:10.000Z';
    expect(
      ladderFor(due, seconds, calendar).map((s) => `${s.kind}${s.step}@${s.at.slice(17, 19)}`),
    ).toEqual([
      'reminder0@04',
      'reminder1@07',
      'escalation0@10',
      'escalation1@12',
      'escalation2@14',
    ]);
    expect(warningFrom(due, seconds, calendar)).toBe('2026-11-28T10:00:04.000Z');
  });

  it('drops reminders that would fall on or after the deadline', () => {
    const late: EscalationPolicy = { ...seconds, reminders: [{ before: { duration: 'PT0S' } }] };
    expect(ladderFor('2026-11-28T10:00:10.000Z', late, calendar).map((s) => s.kind)).not.toContain(
      'reminder',
    );
  });

  it('reads ISO-8601 durations and refuses what is not one', () => {
    expect(durationMs('PT5S')).toBe(5000);
    expect(durationMs('P1DT2H')).toBe(26 * 3600 * 1000);
    expect(durationMs('P2W')).toBe(14 * 86_400_000);
    expect(durationMs('PT0.5S')).toBe(500);
    for (const bad of ['P', 'PT', '5S', 'P1Y', 'PT-1S']) expect(() => durationMs(bad)).toThrow();
  });
});
