import { decideRestart, RESTART_POLICY, type RestartDecision } from './restart-policy';

/** The decisions for `count` quick failures in a row, each after `uptimeMs`. */
function run(count: number, uptimeMs = 0): RestartDecision[] {
  const decisions: RestartDecision[] = [];
  let quickFailures = 0;
  for (let i = 0; i < count; i += 1) {
    const decision = decideRestart(RESTART_POLICY, quickFailures, uptimeMs);
    decisions.push(decision);
    quickFailures = decision.quickFailures;
  }
  return decisions;
}

describe('restart policy', () => {
  it('waits 1 s after the first quick failure, doubling per failure up to 30 s', () => {
    expect(run(9).map((d) => d.restart && d.delayMs)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('numbers the attempts from 2, the first start having been attempt 1', () => {
    expect(run(3).map((d) => d.restart && d.attempt)).toEqual([2, 3, 4]);
  });

  it('gives up at the tenth quick failure in a row, not before', () => {
    const decisions = run(10);
    expect(decisions.slice(0, 9).every((d) => d.restart)).toBe(true);
    expect(decisions[9]).toEqual({ restart: false, quickFailures: 10 });
  });

  it('starts over at 1 s when the child had stayed up a minute', () => {
    expect(decideRestart(RESTART_POLICY, 9, 60_000)).toEqual({
      restart: true,
      delayMs: 1_000,
      attempt: 2,
      quickFailures: 1,
    });
  });

  it('keeps counting when the child died within the minute', () => {
    expect(decideRestart(RESTART_POLICY, 4, 59_999)).toMatchObject({ delayMs: 16_000, attempt: 6 });
  });

  it('never gives up on a child that stays up a minute each time', () => {
    expect(run(50, 60_000).every((d) => d.restart && d.delayMs === 1_000)).toBe(true);
  });
});
