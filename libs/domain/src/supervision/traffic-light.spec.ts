import {
  elapsedFraction,
  itemLight,
  itemOverdue,
  milestoneLight,
  targetProgress,
  trafficLight,
  worstLight,
  type LightFacts,
} from './traffic-light';
import type { Submission } from './work-item';

const base: LightFacts = {
  phase: 'open',
  now: '2024-06-01T00:00:00.000Z',
  dueAt: '2024-07-01T00:00:00.000Z',
  warningFrom: '2024-06-20T00:00:00.000Z',
  escalation: null,
};

describe('traffic light', () => {
  it.each<[string, Partial<LightFacts>, string]>([
    ['not started', { phase: 'not_started' }, 'grey'],
    ['done, even overdue', { phase: 'done', now: '2024-08-01T00:00:00.000Z' }, 'grey'],
    ['on track', {}, 'green'],
    ['inside the warning window', { now: '2024-06-20T00:00:00.000Z' }, 'yellow'],
    ['escalated to yellow', { escalation: 'yellow' }, 'yellow'],
    ['escalated to red', { escalation: 'red' }, 'red'],
    ['overdue', { now: '2024-07-01T00:00:00.000Z' }, 'red'],
    [
      'behind the time-proportional schedule',
      { schedule: { startAt: '2024-05-01T00:00:00.000Z', progress: 0.4 } },
      'yellow',
    ],
    [
      'ahead of the time-proportional schedule',
      { schedule: { startAt: '2024-05-01T00:00:00.000Z', progress: 0.6 } },
      'green',
    ],
  ])('%s → %s', (_case, facts, light) => {
    expect(trafficLight({ ...base, ...facts })).toBe(light);
  });

  it('measures elapsed time as a fraction of the span, clamped', () => {
    expect(
      elapsedFraction('2024-01-01T00:00:00Z', '2024-01-11T00:00:00Z', '2024-01-06T00:00:00Z'),
    ).toBe(0.5);
    expect(
      elapsedFraction('2024-01-01T00:00:00Z', '2024-01-11T00:00:00Z', '2023-12-01T00:00:00Z'),
    ).toBe(0);
    expect(
      elapsedFraction('2024-01-01T00:00:00Z', '2024-01-11T00:00:00Z', '2024-02-01T00:00:00Z'),
    ).toBe(1);
  });

  it('shows an item its worst milestone', () => {
    expect(worstLight(['green', 'red', 'yellow'])).toBe('red');
    expect(worstLight(['grey', 'green'])).toBe('green');
    expect(worstLight([])).toBe('grey');
  });
});

describe('milestone and item lights', () => {
  const milestone = {
    status: 'pending' as const,
    dueAt: base.dueAt,
    warningFrom: base.warningFrom,
    escalation: null,
    submissions: [] as Submission[],
  };
  const item = (milestones: (typeof milestone)[], targetQuantities: number[] = []) => ({
    status: 'in_progress' as const,
    startedAt: '2024-05-01T00:00:00.000Z',
    targetQuantities,
    milestones,
  });

  it('are grey for a draft item, an approved milestone, a completed or cancelled item', () => {
    expect(milestoneLight('draft', milestone, base.now)).toBe('grey');
    expect(milestoneLight('in_progress', { ...milestone, status: 'approved' }, base.dueAt)).toBe(
      'grey',
    );
    expect(milestoneLight('completed', milestone, base.dueAt)).toBe('grey');
    expect(milestoneLight('cancelled', milestone, base.dueAt)).toBe('grey');
  });

  it('follow the dates and escalations while open, the item showing its worst', () => {
    expect(milestoneLight('assigned', milestone, base.now)).toBe('green');
    expect(milestoneLight('in_progress', { ...milestone, escalation: 'yellow' }, base.now)).toBe(
      'yellow',
    );
    expect(itemLight(item([milestone, { ...milestone, dueAt: base.now }]), base.now)).toBe('red');
  });

  it('turn an item yellow when its targets are behind the time-proportional schedule (序时进度)', () => {
    // Half the time from 05-01 to 07-01 has passed on 06-01 (a little less: May has 31 days).
    const report = (value: number) => ({
      at: '2024-05-20T00:00:00.000Z',
      by: 'staff',
      text: '',
      progress: [{ target: 0, value }],
      evidence: [],
    });
    const behind = { ...milestone, submissions: [report(200)] };
    const ahead = { ...milestone, submissions: [report(300)] };
    expect(itemLight(item([behind], [500]), base.now)).toBe('yellow');
    expect(itemLight(item([ahead], [500]), base.now)).toBe('green');
    expect(itemLight(item([milestone], []), base.now)).toBe('green');
  });

  it('count the latest report of each target, the furthest-behind target deciding', () => {
    const submissions = [
      {
        at: '2024-05-01T00:00:00Z',
        by: 's',
        text: '',
        progress: [{ target: 0, value: 400 }],
        evidence: [],
      },
      {
        at: '2024-06-01T00:00:00Z',
        by: 's',
        text: '',
        progress: [
          { target: 0, value: 250 },
          { target: 1, value: 5 },
        ],
        evidence: [],
      },
    ];
    expect(targetProgress([500, 5], [{ submissions }])).toBe(0.5);
    expect(targetProgress([500, 10], [{ submissions }])).toBe(0.5);
    expect(targetProgress([], [{ submissions }])).toBeNull();
    expect(targetProgress([100], [{ submissions: [] }])).toBe(0);
  });

  it('call an open item overdue when a milestone is past its deadline unapproved', () => {
    const late = { ...milestone, dueAt: base.now };
    expect(itemOverdue({ status: 'in_progress', milestones: [milestone, late] }, base.now)).toBe(
      true,
    );
    expect(
      itemOverdue(
        { status: 'in_progress', milestones: [{ ...late, status: 'approved' }] },
        base.now,
      ),
    ).toBe(false);
    expect(itemOverdue({ status: 'completed', milestones: [late] }, base.now)).toBe(false);
    expect(itemOverdue({ status: 'in_progress', milestones: [milestone] }, base.now)).toBe(false);
  });
});
