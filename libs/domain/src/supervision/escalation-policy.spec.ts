import { refusedField } from '../testing/refused-field';
import { DEFAULT_ESCALATION_POLICY, readEscalationPolicy } from './escalation-policy';
import { defaultMilestones } from './milestones';

describe('escalation policy as data', () => {
  it('reads the default policy back unchanged (it is plain data)', () => {
    expect(readEscalationPolicy(JSON.parse(JSON.stringify(DEFAULT_ESCALATION_POLICY)))).toEqual(
      DEFAULT_ESCALATION_POLICY,
    );
  });

  it.each([
    ['version', { version: 0 }],
    ['notifyAt', { notifyAt: '9:00' }],
    ['reminderRecipients', { reminderRecipients: [] }],
    ['reminderRecipients[0]', { reminderRecipients: ['mayor'] }],
    ['reminders[0].before', { reminders: [{ before: { workingDays: -1 } }] }],
    ['reminders[0].before', { reminders: [{ before: { workingDays: 1, duration: 'PT1S' } }] }],
    ['reminders[0].before.duration', { reminders: [{ before: { duration: '1 day' } }] }],
    [
      'escalations[0].light',
      { escalations: [{ ...DEFAULT_ESCALATION_POLICY.escalations[0], light: 'blue' }] },
    ],
    ['warningWindow', { warningWindow: 7 }],
  ])('names %s when it is wrong', (field, change) => {
    expect(
      refusedField(() => readEscalationPolicy({ ...DEFAULT_ESCALATION_POLICY, ...change })),
    ).toBe(field);
  });
});

describe('default milestones', () => {
  it('are the quarter ends before the deadline, then the deadline', () => {
    expect(defaultMilestones(2024, '2024-12-31').map((m) => [m.key, m.due])).toEqual([
      ['q1', '2024-03-31'],
      ['q2', '2024-06-30'],
      ['q3', '2024-09-30'],
      ['final', '2024-12-31'],
    ]);
    expect(defaultMilestones(2024, '2024-06-30').map((m) => m.key)).toEqual(['q1', 'final']);
    expect(defaultMilestones(2024, '2024-03-15').map((m) => m.key)).toEqual(['final']);
  });
});
