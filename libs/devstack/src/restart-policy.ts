/** When a supervised child that ended is started again, as data. */
export interface RestartPolicy {
  /** Wait before the first restart after a quick failure. */
  readonly firstDelayMs: number;
  /** The wait doubles per quick failure in a row, up to this. */
  readonly maxDelayMs: number;
  /** A child that ran at least this long before it ended was healthy: the count starts over. */
  readonly stableAfterMs: number;
  /** Quick failures in a row after which restarting is pointless. */
  readonly maxQuickFailures: number;
}

/**
 * About two and a half minutes of retrying before giving up (1+2+4+8+16+30+30+30+30 s): long
 * enough to ride out a dependency that restarts, short enough that a child that cannot start
 * at all is reported while someone is still watching.
 */
export const RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  maxQuickFailures: 10,
};

export type RestartDecision =
  | {
      readonly restart: true;
      readonly delayMs: number;
      /** Which start this will be within the current run of quick failures; the first was 1. */
      readonly attempt: number;
      readonly quickFailures: number;
    }
  | { readonly restart: false; readonly quickFailures: number };

/**
 * What to do about a child that ended after `uptimeMs`, given how many quick failures in a row
 * came before it.
 */
export function decideRestart(
  policy: RestartPolicy,
  quickFailuresBefore: number,
  uptimeMs: number,
): RestartDecision {
  const quickFailures = uptimeMs >= policy.stableAfterMs ? 1 : quickFailuresBefore + 1;
  if (quickFailures >= policy.maxQuickFailures) return { restart: false, quickFailures };
  const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (quickFailures - 1));
  return { restart: true, delayMs, attempt: quickFailures + 1, quickFailures };
}
