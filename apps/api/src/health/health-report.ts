/** `degraded`: the dependency answers but does not do its job (an SMTP server refusing mail). */
export type DependencyStatus = 'up' | 'degraded' | 'down';

export type DependencyHealth = { readonly status: DependencyStatus } & Readonly<
  Record<string, unknown>
>;

/** The answer of `/api/health`, in the shape of @nestjs/terminus that monitors already read. */
export interface HealthReport {
  readonly status: 'ok' | 'error';
  /** Dependencies that are up or degraded. */
  readonly info: Readonly<Record<string, DependencyHealth>>;
  /** Dependencies that are down. */
  readonly error: Readonly<Record<string, DependencyHealth>>;
  readonly details: Readonly<Record<string, DependencyHealth>>;
}

export type DependencyCheck = () => Promise<DependencyHealth>;

/**
 * Runs every check at once and gives each `budgetMs`: a check that throws or has not answered
 * by then is `down` with the reason, so one hanging dependency cannot hold up the answer.
 */
export async function checkDependencies(
  checks: Readonly<Record<string, DependencyCheck>>,
  budgetMs: number,
): Promise<HealthReport> {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await settle(check, budgetMs)]),
  );
  const details = Object.fromEntries(results) as Record<string, DependencyHealth>;
  const error = pick(details, (health) => health.status === 'down');
  const info = pick(details, (health) => health.status !== 'down');
  return { status: Object.keys(error).length > 0 ? 'error' : 'ok', info, error, details };
}

async function settle(check: DependencyCheck, budgetMs: number): Promise<DependencyHealth> {
  try {
    return await within(budgetMs, check());
  } catch (error) {
    return { status: 'down', message: error instanceof Error ? error.message : String(error) };
  }
}

function pick(
  details: Record<string, DependencyHealth>,
  keep: (health: DependencyHealth) => boolean,
): Record<string, DependencyHealth> {
  return Object.fromEntries(Object.entries(details).filter(([, health]) => keep(health)));
}

/**
 * What `work` gives, or a rejection once `ms` have passed. The work itself is not stopped (a
 * connection attempt runs to its own timeout): only the answer stops waiting for it.
 */
export function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
