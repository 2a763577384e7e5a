import { startNodeProcess } from '@duban/devstack';
import { cleanEnv } from './support/duban-process';

/** A bad variable stops the API or the worker at boot with one line naming it. */
describe.each([
  ['api', 'apps/api/src/main.ts'],
  ['worker', 'apps/worker/src/main.ts'],
])('%s boot', (name, entry) => {
  it.each([
    ['DATABASE_URL', 'postgres://localhost/duban'],
    ['TEMPORAL_ADDRESS', 'localhost'],
    ['SMTP_URL', 'http://mail.example.org'],
  ])('stops on %s=%s with one line naming the variable', async (variable, value) => {
    const lines: string[] = [];
    const app = startNodeProcess(name, entry, cleanEnv({ [variable]: value }), (line) =>
      lines.push(line),
    );
    expect(await app.exited).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(`[${name}] Invalid environment variable ${variable}: `);
    expect(lines[0]).toMatch(
      new RegExp(`\\(got "${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"\\)$`),
    );
  });
});

describe('api boot in production', () => {
  it('refuses to start without JWT_SECRET: no default signing key, no default password', async () => {
    const lines: string[] = [];
    const app = startNodeProcess(
      'api',
      'apps/api/src/main.ts',
      cleanEnv({ NODE_ENV: 'production' }),
      (line) => lines.push(line),
    );
    expect(await app.exited).toBe(1);
    expect(lines).toEqual([
      '[api] Invalid environment variable JWT_SECRET: required in production (got "")',
    ]);
  });
});
