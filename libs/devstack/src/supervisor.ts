import { setTimeout as sleep } from 'node:timers/promises';
import { decideRestart, RESTART_POLICY, type RestartPolicy } from './restart-policy';

/** Anything a supervisor can watch and start again: a process, a server, an in-process sink. */
export interface SupervisedChild {
  readonly pid?: number;
  /** Resolves when the child has ended: its exit code, its signal's name, or what was seen instead. */
  readonly exited: Promise<number | string>;
  /** Stops the child; on a child that has already ended, releases what it left behind. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  /** As people know the child, e.g. "worker"; starts every line the supervisor prints. */
  readonly name: string;
  /** Starts a fresh instance after the previous one ended. */
  readonly start: () => Promise<SupervisedChild>;
  readonly log: (line: string) => void;
  readonly policy?: RestartPolicy;
}

export interface Supervisor {
  readonly name: string;
  /** Resolves, with a sentence saying why, once the supervisor stopped restarting on its own. */
  readonly gaveUp: Promise<string>;
  /** From now on a child that ends stays ended; the running one is left alone until `stop()`. */
  stopRestarting(): void;
  /** No more restarts, and the current child stopped. */
  stop(): Promise<void>;
}

/** "exited (code 1)", "exited (signal SIGKILL)", or the child's own words. */
export function describeExit(exit: number | string): string {
  if (typeof exit === 'number') return `exited (code ${exit})`;
  return /^SIG[A-Z0-9]+$/.test(exit) ? `exited (signal ${exit})` : exit;
}

function duration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${ms / 1_000} s`;
}

/** A start that threw, seen as a child that ended at once, so it counts as a quick failure. */
function failedStart(error: unknown): SupervisedChild {
  const message = error instanceof Error ? error.message : String(error);
  return { exited: Promise.resolve(`failed to start: ${message}`), stop: () => Promise.resolve() };
}

/**
 * Watches `first`, and whenever the child ends on its own starts a new one after the policy's
 * backoff, saying so. Gives up, and says so, after too many quick failures in a row: a child
 * that cannot stay up needs a person, not an endless loop.
 */
export function supervise(first: SupervisedChild, options: SuperviseOptions): Supervisor {
  const { name, log, policy = RESTART_POLICY } = options;
  const standDown = new AbortController();
  let current = first;
  let reportGaveUp: (reason: string) => void = () => undefined;
  const gaveUp = new Promise<string>((resolve) => (reportGaveUp = resolve));

  const startAgain = async (): Promise<SupervisedChild> => {
    try {
      const child = await options.start();
      log(`${name} restarted${child.pid ? ` (pid ${child.pid})` : ''}`);
      return child;
    } catch (error) {
      return failedStart(error);
    }
  };

  const watch = async () => {
    let quickFailures = 0;
    let startedAt = Date.now();
    for (;;) {
      const exit = describeExit(await current.exited);
      if (standDown.signal.aborted) return;
      await current.stop().catch(() => undefined);
      const decision = decideRestart(policy, quickFailures, Date.now() - startedAt);
      quickFailures = decision.quickFailures;
      if (!decision.restart) {
        const reason = `${name} ${exit}, ${quickFailures} times in a row within ${duration(policy.stableAfterMs)} of starting; giving up`;
        log(reason);
        reportGaveUp(reason);
        return;
      }
      log(
        `${name} ${exit}; restarting in ${duration(decision.delayMs)} (attempt ${decision.attempt})`,
      );
      try {
        await sleep(decision.delayMs, undefined, { signal: standDown.signal });
      } catch {
        return;
      }
      current = await startAgain();
      startedAt = Date.now();
      if (standDown.signal.aborted) {
        await current.stop().catch(() => undefined);
        return;
      }
    }
  };
  const watching = watch();

  const stopRestarting = () => standDown.abort();
  return {
    name,
    gaveUp,
    stopRestarting,
    stop: async () => {
      stopRestarting();
      await current.stop();
      // A start under way when the stop came stops what it started before this resolves.
      await watching;
    },
  };
}
