import * as path from 'node:path';
import { EnvValidationError, assertApiEnv, parseEnv } from './env';

describe('parseEnv', () => {
  it('defaults to the embedded SQLite database, local Temporal and the SMTP sink', () => {
    const env = parseEnv({});
    expect(env.database).toEqual({
      type: 'better-sqlite3',
      path: path.resolve('data', 'duban.sqlite'),
    });
    expect(env.temporalAddress).toBe('localhost:7233');
    expect(env.temporalNamespace).toBe('duban');
    expect(env.smtpUrl).toBe('smtp://127.0.0.1:1025');
    expect(env.port).toBe(3000);
  });

  it.each([
    ['mysql://u:p@db:3306/duban', 'mysql', 'mysql://u:p@db:3306/duban'],
    ['mariadb://root@127.0.0.1:3306/duban', 'mariadb', 'mysql://root@127.0.0.1:3306/duban'],
  ])('accepts %s as a %s server', (value, flavor, url) => {
    expect(parseEnv({ DATABASE_URL: value }).database).toEqual({ type: 'mysql', flavor, url });
  });

  it('accepts an explicit SQLite file', () => {
    expect(parseEnv({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).database).toEqual({
      type: 'better-sqlite3',
      path: '/tmp/x.sqlite',
    });
  });

  it.each([
    ['DATABASE_URL', 'postgres://localhost/duban'],
    ['DATABASE_URL', 'mysql://localhost'],
    ['DATABASE_URL', 'not a url'],
    ['TEMPORAL_ADDRESS', 'http://localhost:7233'],
    ['TEMPORAL_ADDRESS', 'localhost'],
    ['TEMPORAL_ADDRESS', 'localhost:99999'],
    ['SMTP_URL', 'http://mail.example.org'],
    ['SMTP_URL', 'smtp://'],
    ['PORT', 'eighty'],
    ['NODE_ENV', 'staging'],
    ['JWT_SECRET', 'too-short'],
    ['LOGIN_MAX_FAILURES', '0'],
    ['LOGIN_LOCK_SECONDS', '15m'],
    ['CORS_ORIGIN', 'https://duban.example.gov.cn/app'],
    ['CORS_ORIGIN', '*'],
    ['QUIET_HOURS', '22:00'],
    ['QUIET_HOURS', '08:00-08:00'],
    ['QUIET_HOURS', '25:00-07:00'],
    ['DIGEST_TIME', '8:30'],
    ['PUBLIC_URL', 'ftp://duban.example.gov.cn'],
    ['MAIL_CONCURRENCY', '0'],
  ])('rejects %s=%s with one line naming the variable', (variable, value) => {
    const attempt = () => parseEnv({ [variable]: value });
    expect(attempt).toThrow(EnvValidationError);
    expect(attempt).toThrow(new RegExp(`^Invalid environment variable ${variable}: [^\\n]+$`));
  });

  it('has security defaults: 15-minute tokens, lock after 10 failures for 15 minutes, no CORS', () => {
    expect(parseEnv({}).security).toEqual({
      jwtSecret: null,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 14 * 24 * 3600,
      loginMaxFailures: 10,
      loginLockSeconds: 900,
      loginRateLimit: 30,
      writeRateLimit: 300,
      corsOrigins: [],
    });
  });

  it('has notification defaults: quiet 20:00–08:00, mornings at 08:30, links to the API', () => {
    expect(parseEnv({ PORT: '4000' }).notify).toEqual({
      from: '督办系统 <duban@localhost>',
      publicUrl: 'http://localhost:4000',
      quietHours: { start: '20:00', end: '08:00' },
      morning: '08:30',
      concurrency: 4,
      claimLeaseSeconds: 300,
      retrySeconds: 30,
      sinkDir: null,
    });
    expect(parseEnv({ QUIET_HOURS: 'none' }).notify.quietHours).toBeNull();
    expect(parseEnv({ DATA_DIR: '/srv/duban', MAIL_SINK_DIR: 'mail' }).notify.sinkDir).toBe(
      '/srv/duban/mail',
    );
  });

  it('lets only a production API without JWT_SECRET fail', () => {
    expect(() => assertApiEnv(parseEnv({ NODE_ENV: 'production' }))).toThrow(
      'Invalid environment variable JWT_SECRET: required in production',
    );
    expect(() => assertApiEnv(parseEnv({}))).not.toThrow();
    expect(() =>
      assertApiEnv(parseEnv({ NODE_ENV: 'production', JWT_SECRET: 'k'.repeat(32) })),
    ).not.toThrow();
  });

  it('never echoes a rejected JWT secret', () => {
    expect(() => parseEnv({ JWT_SECRET: 'secret' })).toThrow('(got "******")');
    const secret = 'x'.repeat(32);
    expect(parseEnv({ NODE_ENV: 'production', JWT_SECRET: secret }).security.jwtSecret).toBe(
      secret,
    );
  });

  it('reads a list of CORS origins', () => {
    expect(
      parseEnv({ CORS_ORIGIN: 'https://a.example.org, http://localhost:5173' }).security
        .corsOrigins,
    ).toEqual(['https://a.example.org', 'http://localhost:5173']);
  });
});
