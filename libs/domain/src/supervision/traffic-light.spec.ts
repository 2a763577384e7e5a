import { elapsedFraction, trafficLight, worstLight, type LightFacts } from './traffic-light';

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
