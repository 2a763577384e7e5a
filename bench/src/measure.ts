import { performance } from 'node:perf_hooks';

/** Median wall time of `runs` calls after `warmup` unmeasured ones, in milliseconds. */
export function medianMs(
  run: () => unknown,
  { runs, warmup }: { runs: number; warmup: number },
): number {
  for (let i = 0; i < warmup; i += 1) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
