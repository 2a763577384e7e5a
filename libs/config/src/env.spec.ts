import * as path from 'node:path';
import { EnvValidationError, parseEnv } from './env';

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
  ])('rejects %s=%s with one line naming the variable', (variable, value) => {
    const attempt = () => parseEnv({ [variable]: value });
    expect(attempt).toThrow(EnvValidationError);
    expect(attempt).toThrow(new RegExp(`^Invalid environment variable ${variable}: [^\\n]+$`));
  });
});
