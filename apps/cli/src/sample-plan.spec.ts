import { samplePlanYear } from './sample-plan';

describe('the demo plan year', () => {
  it('is the current year in China unless SAMPLE_PLAN_YEAR names one', () => {
    // 31 December 17:00 UTC is already New Year's Day in China.
    expect(samplePlanYear({}, new Date('2026-12-31T17:00:00Z'))).toBe(2027);
    expect(samplePlanYear({}, new Date('2026-12-01T00:00:00Z'))).toBe(2026);
    expect(samplePlanYear({ SAMPLE_PLAN_YEAR: '2024' })).toBe(2024);
  });

  it('refuses a year that is not one, naming the variable', () => {
    expect(() => samplePlanYear({ SAMPLE_PLAN_YEAR: 'next' })).toThrow(/SAMPLE_PLAN_YEAR/);
    expect(() => samplePlanYear({ SAMPLE_PLAN_YEAR: '24' })).toThrow(/SAMPLE_PLAN_YEAR/);
  });
});
