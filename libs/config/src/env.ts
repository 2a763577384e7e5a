import * as path from 'node:path';

/**
 * MySQL and MariaDB speak one protocol through one client, but TypeORM reads their catalogs
 * differently (MariaDB reports a nullable column's default as the text NULL); the URL's scheme
 * says which server it is.
 */
export type MysqlFlavor = 'mysql' | 'mariadb';

export type DatabaseConfig =
  | { readonly type: 'mysql'; readonly flavor: MysqlFlavor; readonly url: string }
  | { readonly type: 'better-sqlite3'; readonly path: string };

/** Login, tokens and request limits. Durations in seconds, rate limits per minute. */
export interface SecurityConfig {
  /** HMAC key for access tokens; the API refuses to start without one in production. */
  readonly jwtSecret: string | null;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly loginMaxFailures: number;
  readonly loginLockSeconds: number;
  readonly loginRateLimit: number;
  readonly writeRateLimit: number;
  /** Origins a browser may call the API from; empty: no cross-origin calls. */
  readonly corsOrigins: readonly string[];
}

/** Mail and group-chat delivery. Times are China wall-clock `HH:MM`. */
export interface NotifyConfig {
  /** The `From` header: display name and address. */
  readonly from: string;
  /** Where links in notices point (the web app's origin). */
  readonly publicUrl: string;
  /**
   * Non-urgent notices raised in this window, or on a day off, wait for the next working
   * morning; null (`QUIET_HOURS=none`): everything goes out at once, any day.
   */
  readonly quietHours: { readonly start: string; readonly end: string } | null;
  /** The working morning: digests go out and deferred notices are released. */
  readonly morning: string;
  /** Messages sent at once over the SMTP connection pool. */
  readonly concurrency: number;
  /** A claim older than this is taken to have died mid-send; its row becomes `unknown`. */
  readonly claimLeaseSeconds: number;
  /** First wait after a transient failure; it doubles with each attempt, up to an hour. */
  readonly retrySeconds: number;
  /** Where the development SMTP sink keeps messages (`duban mail list` reads it); null: no sink. */
  readonly sinkDir: string | null;
}

export interface DubanEnv {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly temporalAddress: string;
  readonly temporalNamespace: string;
  readonly smtpUrl: string;
  readonly notify: NotifyConfig;
  readonly security: SecurityConfig;
  /** Largest evidence file accepted, in bytes. */
  readonly evidenceMaxBytes: number;
}

export type RawEnv = Readonly<Record<string, string | undefined>>;

/** Raised at boot; its message is the single line an operator sees. */
export class EnvValidationError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
    value: string,
  ) {
    super(`Invalid environment variable ${variable}: ${problem} (got "${value}")`);
    this.name = 'EnvValidationError';
  }
}

const DEFAULTS = {
  port: 3000,
  temporalAddress: 'localhost:7233',
  temporalNamespace: 'duban',
  smtpUrl: 'smtp://127.0.0.1:1025',
  dataDir: 'data',
} as const;

function read(raw: RawEnv, name: string): string | undefined {
  const value = raw[name]?.trim();
  return value ? value : undefined;
}

function oneOf<T extends string>(raw: RawEnv, name: string, allowed: readonly T[], fallback: T): T {
  const value = read(raw, name);
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new EnvValidationError(name, `expected one of ${allowed.join(', ')}`, value);
}

export function parsePort(raw: RawEnv, name: string, fallback: number): number {
  const value = read(raw, name);
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
    throw new EnvValidationError(name, 'expected a TCP port between 1 and 65535', value);
  }
  return port;
}

function positiveInt(raw: RawEnv, name: string, fallback: number): number {
  const value = read(raw, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new EnvValidationError(name, 'expected a whole number of at least 1', value);
  }
  return Number(value);
}

const JWT_SECRET_MIN_LENGTH = 32;

function parseSecurity(raw: RawEnv): SecurityConfig {
  const jwtSecret = read(raw, 'JWT_SECRET') ?? null;
  if (jwtSecret !== null && jwtSecret.length < JWT_SECRET_MIN_LENGTH) {
    throw new EnvValidationError(
      'JWT_SECRET',
      `expected at least ${JWT_SECRET_MIN_LENGTH} characters`,
      '*'.repeat(jwtSecret.length),
    );
  }
  const origins = (read(raw, 'CORS_ORIGIN') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    const url = tryUrl(origin);
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin) {
      throw new EnvValidationError(
        'CORS_ORIGIN',
        'expected comma-separated origins such as https://duban.example.gov.cn',
        origin,
      );
    }
  }
  return {
    jwtSecret,
    accessTokenTtlSeconds: positiveInt(raw, 'ACCESS_TOKEN_TTL_SECONDS', 15 * 60),
    refreshTokenTtlSeconds: positiveInt(raw, 'REFRESH_TOKEN_TTL_SECONDS', 14 * 24 * 3600),
    loginMaxFailures: positiveInt(raw, 'LOGIN_MAX_FAILURES', 10),
    loginLockSeconds: positiveInt(raw, 'LOGIN_LOCK_SECONDS', 15 * 60),
    loginRateLimit: positiveInt(raw, 'LOGIN_RATE_LIMIT', 30),
    writeRateLimit: positiveInt(raw, 'WRITE_RATE_LIMIT', 300),
    corsOrigins: origins,
  };
}

function parseDatabase(raw: RawEnv, dataDir: string): DatabaseConfig {
  const value = read(raw, 'DATABASE_URL');
  if (value === undefined)
    return { type: 'better-sqlite3', path: path.join(dataDir, 'duban.sqlite') };
  const expected = 'expected mysql://user:password@host:port/database or sqlite:path/to/file';
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new EnvValidationError('DATABASE_URL', expected, value);
    return { type: 'better-sqlite3', path: path.resolve(file) };
  }
  const url = tryUrl(value);
  if (
    !url ||
    !['mysql:', 'mariadb:'].includes(url.protocol) ||
    !url.hostname ||
    url.pathname.length < 2
  ) {
    throw new EnvValidationError('DATABASE_URL', expected, value);
  }
  const flavor: MysqlFlavor = url.protocol === 'mariadb:' ? 'mariadb' : 'mysql';
  url.protocol = 'mysql:';
  return { type: 'mysql', flavor, url: url.toString() };
}

function parseTemporalAddress(raw: RawEnv): string {
  const value = read(raw, 'TEMPORAL_ADDRESS') ?? DEFAULTS.temporalAddress;
  const match = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/.exec(value);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
    throw new EnvValidationError(
      'TEMPORAL_ADDRESS',
      'expected host:port, e.g. localhost:7233',
      value,
    );
  }
  return value;
}

function parseSmtpUrl(raw: RawEnv): string {
  const value = read(raw, 'SMTP_URL') ?? DEFAULTS.smtpUrl;
  const url = tryUrl(value);
  if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || !url.hostname) {
    throw new EnvValidationError(
      'SMTP_URL',
      'expected smtp://[user:password@]host:port or smtps://…',
      value,
    );
  }
  return value;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

function clock(raw: RawEnv, name: string, fallback: string): string {
  const value = read(raw, name) ?? fallback;
  if (!CLOCK.test(value)) throw new EnvValidationError(name, 'expected a time HH:MM', value);
  return value;
}

function parseNotify(raw: RawEnv, port: number, dataDir: string): NotifyConfig {
  const quiet = read(raw, 'QUIET_HOURS') ?? '20:00-08:00';
  const [start = '', end = ''] = quiet.split('-').map((t) => t.trim());
  if (quiet !== 'none' && (!CLOCK.test(start) || !CLOCK.test(end) || start === end)) {
    throw new EnvValidationError(
      'QUIET_HOURS',
      'expected HH:MM-HH:MM (e.g. 20:00-08:00) or none',
      quiet,
    );
  }
  const publicUrl = read(raw, 'PUBLIC_URL') ?? `http://localhost:${port}`;
  const url = tryUrl(publicUrl);
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new EnvValidationError('PUBLIC_URL', 'expected an http(s) URL', publicUrl);
  }
  const sinkDir = read(raw, 'MAIL_SINK_DIR');
  return {
    from: read(raw, 'MAIL_FROM') ?? '督办系统 <duban@localhost>',
    publicUrl: publicUrl.replace(/\/+$/, ''),
    quietHours: quiet === 'none' ? null : { start, end },
    morning: clock(raw, 'DIGEST_TIME', '08:30'),
    concurrency: positiveInt(raw, 'MAIL_CONCURRENCY', 4),
    claimLeaseSeconds: positiveInt(raw, 'NOTIFY_LEASE_SECONDS', 300),
    retrySeconds: positiveInt(raw, 'NOTIFY_RETRY_SECONDS', 30),
    sinkDir: sinkDir === undefined ? null : path.resolve(dataDir, sinkDir),
  };
}

function tryUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Validates the whole environment at once; throws EnvValidationError on the first bad variable. */
export function parseEnv(raw: RawEnv): DubanEnv {
  const dataDir = path.resolve(read(raw, 'DATA_DIR') ?? DEFAULTS.dataDir);
  const nodeEnv = oneOf(raw, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const port = parsePort(raw, 'PORT', DEFAULTS.port);
  return {
    nodeEnv,
    host: read(raw, 'HOST') ?? '0.0.0.0',
    port,
    dataDir,
    database: parseDatabase(raw, dataDir),
    temporalAddress: parseTemporalAddress(raw),
    temporalNamespace: read(raw, 'TEMPORAL_NAMESPACE') ?? DEFAULTS.temporalNamespace,
    smtpUrl: parseSmtpUrl(raw),
    notify: parseNotify(raw, port, dataDir),
    security: parseSecurity(raw),
    evidenceMaxBytes: positiveInt(raw, 'EVIDENCE_MAX_MB', 50) * 1024 * 1024,
  };
}

/** What only the API needs: a production API signs tokens with a key the operator chose. */
export function assertApiEnv(env: DubanEnv): void {
  if (env.nodeEnv === 'production' && env.security.jwtSecret === null) {
    throw new EnvValidationError('JWT_SECRET', 'required in production', '');
  }
}
