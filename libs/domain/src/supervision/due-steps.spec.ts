import { WorkingCalendar } from '../calendar/working-calendar';
import { isLate, lateSteps, nextStep, LATE_STEP_MS } from './due-steps';
import { DEFAULT_ESCALATION_POLICY } from './escalation-policy';
import { endOfDay } from './offsets';
import { pendingMilestone, type WorkItemState } from './work-item';

/** Monday–Friday is enough here: the statutory exceptions are the calendar's own tests. */
const calendar = new WorkingCalendar({ coveredYears: [2024], holidays: [], makeUpWorkdays: [] });
const at9 = (day: string) => Date.parse(`${day}T01:00:00.000Z`);

const item: WorkItemState = {
  planId: 'p',
  itemId: 'i',
  itemNo: 1,
  title: '完成适老化改造500户',
  targetQuantities: [500],
  status: 'assigned',
  responsibility: { leadUnitId: 'u', coUnitIds: [], leaderId: null, responsibleId: null },
  milestones: [
    pendingMilestone('q1', '第一季度', endOfDay('2024-03-29')),
    pendingMilestone('final', '完成', endOfDay('2024-12-31')),
  ],
  startedAt: '2024-01-02T00:00:00.000Z',
  policy: DEFAULT_ESCALATION_POLICY,
  policySince: null,
};

describe('due ladder steps', () => {
  it('names the earliest unfired step over all milestones', () => {
    const next = nextStep(item, calendar);
    expect([next?.milestoneKey, next?.step.kind, next?.step.step]).toEqual(['q1', 'reminder', 0]);
    expect(next?.step.at).toBe(new Date(at9('2024-03-20')).toISOString());
  });

  it('is late only when more than an hour past its time', () => {
    const next = nextStep(item, calendar);
    if (!next) throw new Error('no step');
    expect(isLate(next, Date.parse(next.step.at) + LATE_STEP_MS)).toBe(false);
    expect(isLate(next, Date.parse(next.step.at) + LATE_STEP_MS + 1)).toBe(true);
  });

  it('collapses every step past by now into one notice per milestone, to all the escalations named', () => {
    // Ten working days after the q1 deadline: the whole q1 ladder is past, nothing of final.
    const late = lateSteps(item, calendar, at9('2024-04-12') + 1);
    expect(late).toHaveLength(1);
    const [q1] = late;
    expect(q1?.milestoneKey).toBe('q1');
    expect(q1?.steps.map((s) => `${s.kind}${s.step}`)).toEqual([
      'reminder0',
      'reminder1',
      'reminder2',
      'escalation0',
      'escalation1',
      'escalation2',
    ]);
    // Reminders past the deadline add nobody; each escalation's people are told once.
    expect(q1?.recipients).toEqual([
      'responsible',
      'unit_head',
      'leader',
      'principal_leader',
      'supervisor',
    ]);
    expect(q1?.urgingNotice).toBe(true);
  });

  it('tells late reminders only through the last of them while the deadline is ahead', () => {
    const late = lateSteps(item, calendar, at9('2024-03-27') + 1);
    expect(late.map((l) => l.steps.map((s) => `${s.kind}${s.step}`))).toEqual([
      ['reminder0', 'reminder1'],
    ]);
    expect(late[0]?.recipients).toEqual(['responsible']);
    expect(late[0]?.urgingNotice).toBe(false);
  });

  it('leaves out steps already fired, stopped ladders and steps before a policy override', () => {
    const [q1, final] = item.milestones;
    if (!q1 || !final) throw new Error('two milestones');
    const q1Fired = {
      ...item,
      milestones: [
        { ...q1, firedSteps: ['reminder0@v1', 'reminder1@v1'] },
        { ...final, status: 'submitted' as const },
      ],
    };
    const now = at9('2024-12-31') + 1;
    expect(lateSteps(q1Fired, calendar, now)[0]?.steps.map((s) => `${s.kind}${s.step}`)).toEqual([
      'reminder2',
      'escalation0',
      'escalation1',
      'escalation2',
    ]);
    expect(
      lateSteps({ ...q1Fired, policySince: new Date(now).toISOString() }, calendar, now),
    ).toEqual([]);
  });
});
