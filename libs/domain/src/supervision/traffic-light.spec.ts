import {
  elapsedFraction,
  itemLight,
  milestoneLight,
  trafficLight,
  worstLight,
  type LightFacts,
} from './traffic-light';

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
  };

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
    expect(itemLight('in_progress', [milestone, { ...milestone, dueAt: base.now }], base.now)).toBe(
      'red',
    );
  });
});
