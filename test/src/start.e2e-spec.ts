import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '@duban/devstack';
import { cleanEnv, descendants, isAlive, runDuban, type DubanRun } from './support/duban-process';
import { bearer, signIn } from './support/sign-in';

const READY = /已启动/;
const READY_TIMEOUT_MS = 150_000;

/** `npm start` on the embedded defaults: own Temporal dev server, SMTP sink and SQLite file. */
describe('duban start (npm start) on the embedded defaults', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-start-'));
  let ports: Record<'PORT' | 'TEMPORAL_PORT' | 'TEMPORAL_UI_PORT' | 'SMTP_SINK_PORT', number>;
  let env: NodeJS.ProcessEnv;
  let api: string;
  let run: DubanRun | undefined;
  let diagnostic: { workflowId: string; probe: { requestId: string } };
  let demoPasswords: Record<string, string>;
  let firstRunToken: string;

  /** A token of the first demo account holding the role, as printed at start. */
  async function tokenOf(role: string): Promise<string> {
    const line = run?.lines.find((l) => l.startsWith(`  ${role} `)) ?? '';
    const [username = '', password = ''] = line.trim().split(/\s+/).slice(1, 3);
    return signIn(api, username, password);
  }

  beforeAll(async () => {
    ports = {
      PORT: await freePort(),
      TEMPORAL_PORT: await freePort(),
      TEMPORAL_UI_PORT: await freePort(),
      SMTP_SINK_PORT: await freePort(),
    };
    env = cleanEnv({
      DATA_DIR: dataDir,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    });
    api = `http://127.0.0.1:${ports.PORT}/api`;
  });

  afterEach(async () => {
    await run?.interrupt();
    run = undefined;
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts everything, prints the URLs, and leaves no process behind on Ctrl-C', async () => {
    run = runDuban(['start'], env);
    await run.waitForLine(READY, READY_TIMEOUT_MS);
    expect(run.lines).toEqual(
      expect.arrayContaining([
        `  API: http://localhost:${ports.PORT}/api`,
        `  OpenAPI 文档: http://localhost:${ports.PORT}/api/docs`,
        `  Temporal 控制台: http://localhost:${ports.TEMPORAL_UI_PORT}`,
      ]),
    );
    const health = await fetch(`${api}/health`);
    expect(health.status).toBe(200);
    const accountsFile = path.join(dataDir, 'demo-accounts.json');
    expect(fs.statSync(accountsFile).mode & 0o777).toBe(0o600);
    demoPasswords = JSON.parse(fs.readFileSync(accountsFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(demoPasswords).length).toBeGreaterThan(20);
    expect((await fetch(`${api}/plans`)).status).toBe(401);
    const supervisor = await tokenOf('supervisor');
    firstRunToken = supervisor;
    const plans = (await (await fetch(`${api}/plans`, { headers: bearer(supervisor) })).json()) as {
      id: string;
      title: string;
    }[];
    expect(plans.map((p) => p.title)).toEqual(['区民政局2024年工作要点']);
    expect(run.lines).toContain(
      `  示例计划（草稿）: http://localhost:${ports.PORT}/api/plans/${plans[0]?.id}`,
    );
    const response = await fetch(`${api}/diagnostics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(await tokenOf('admin')) },
      body: JSON.stringify({ note: '首次启动' }),
    });
    expect(response.status).toBe(201);
    diagnostic = (await response.json()) as typeof diagnostic;
    expect(fs.existsSync(path.join(dataDir, 'duban.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'temporal.db'))).toBe(true);

    const started = descendants(run.child.pid ?? -1);
    expect(started.map((p) => p.args).join('\n')).toMatch(/temporal server start-dev/);
    expect(started.map((p) => p.args).join('\n')).toMatch(/apps\/worker\/src\/main\.ts/);
    expect(started.map((p) => p.args).join('\n')).toMatch(/apps\/api\/src\/main\.ts/);

    expect(await run.interrupt()).toBe(0);
    run = undefined;
    expect(started.filter((p) => isAlive(p.pid))).toEqual([]);
  });

  it('resumes with the same database and Temporal state on the next start', async () => {
    run = runDuban(['start'], env);
    await run.waitForLine(READY, READY_TIMEOUT_MS);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-accounts.json'), 'utf8'))).toEqual(
      demoPasswords,
    );
    // The signing key is kept in the data directory: a restart signs nobody out.
    expect((await fetch(`${api}/auth/me`, { headers: bearer(firstRunToken) })).status).toBe(200);
    const supervisor = await tokenOf('supervisor');
    const plans = (await (
      await fetch(`${api}/plans`, { headers: bearer(supervisor) })
    ).json()) as unknown[];
    expect(plans).toHaveLength(1);
    const probe = await fetch(`${api}/diagnostics/${diagnostic.probe.requestId}`, {
      headers: bearer(await tokenOf('admin')),
    });
    expect(probe.status).toBe(200);
    expect(await probe.json()).toEqual(diagnostic.probe);
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.TEMPORAL_PORT}` });
    try {
      const client = new Client({ connection, namespace: 'duban' });
      const description = await client.workflow.getHandle(diagnostic.workflowId).describe();
      expect(description.status.name).toBe('COMPLETED');
    } finally {
      await connection.close();
    }
  });

  it('stops what it has started when Ctrl-C comes during start-up', async () => {
    run = runDuban(['start'], env);
    // The worker's first line comes while it is still bundling workflows, before anything is ready.
    await run.waitForLine(/^\[worker\]/, READY_TIMEOUT_MS);
    const started = descendants(run.child.pid ?? -1);
    expect(started.map((p) => p.args).join('\n')).toMatch(/apps\/worker\/src\/main\.ts/);
    expect(run.lines.join('\n')).not.toMatch(READY);
    await run.interrupt();
    run = undefined;
    expect(started.filter((p) => isAlive(p.pid))).toEqual([]);
    expect(await fetch(`${api}/health`).catch(() => 'refused')).toBe('refused');
  });

  it('refuses to start when a port is taken, naming the port', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(ports.SMTP_SINK_PORT, '127.0.0.1', resolve),
    );
    try {
      run = runDuban(['start'], env);
      expect(await run.exited).toBe(1);
      expect(run.lines).toContain(
        `duban: port ${ports.SMTP_SINK_PORT} is already in use; it is needed for the SMTP sink (set SMTP_SINK_PORT, or SMTP_URL to use a real mail server)`,
      );
    } finally {
      blocker.close();
    }
  });

  it('refuses a bad DATABASE_URL with one line naming it', async () => {
    run = runDuban(['start'], { ...env, DATABASE_URL: 'postgres://localhost/duban' });
    expect(await run.exited).toBe(1);
    expect(run.lines).toEqual([
      'duban: Invalid environment variable DATABASE_URL: expected mysql://user:password@host:port/database or sqlite:path/to/file (got "postgres://localhost/duban")',
    ]);
  });
});
