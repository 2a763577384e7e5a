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

/** The process id in a line such as "worker started (pid 4242)". */
function pidIn(line: string): number {
  return Number(/\(pid (\d+)\)/.exec(line)?.[1]);
}

/** Asks for health every quarter second until stopped; `answers` holds what each request got. */
function watchHealth(url: string): { stop(): void; answers: Promise<(number | string)[]> } {
  let watching = true;
  const answers = (async () => {
    const seen: (number | string)[] = [];
    while (watching) {
      seen.push(
        await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
          (response) => response.status,
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return seen;
  })();
  return { stop: () => (watching = false), answers };
}

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

  async function workflowStatus(workflowId: string): Promise<string> {
    const connection = await Connection.connect({ address: `127.0.0.1:${ports.TEMPORAL_PORT}` });
    try {
      const client = new Client({ connection, namespace: 'duban' });
      return (await client.workflow.getHandle(workflowId).describe()).status.name;
    } finally {
      await connection.close();
    }
  }

  /** A diagnostic round trip through the API, Temporal and the worker. */
  async function runDiagnostic(note: string): Promise<Response> {
    return fetch(`${api}/diagnostics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(await tokenOf('admin')) },
      body: JSON.stringify({ note }),
    });
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
      year: number;
    }[];
    // The 2024 sample becomes a plan of the current year in China, so its deadlines lie ahead.
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(plans.map((p) => [p.title, p.year])).toEqual([[`区民政局${year}年工作要点`, year]]);
    expect(run.lines.join('\n')).toContain(`作为 ${year} 年度计划导入`);
    expect(run.lines).toContain(
      `  示例计划（草稿）: http://localhost:${ports.PORT}/api/plans/${plans[0]?.id}`,
    );
    const response = await runDiagnostic('首次启动');
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
    expect(await workflowStatus(diagnostic.workflowId)).toBe('COMPLETED');
  });

  it('restarts a killed worker while the API keeps answering, and stays usable', async () => {
    run = runDuban(['start'], env);
    await run.waitForLine(READY, READY_TIMEOUT_MS);
    const killed = pidIn(await run.waitForLine(/^worker started \(pid \d+\)$/, 1_000));
    const health = watchHealth(`${api}/health`);
    let restarted: number;
    try {
      const beforeKill = run.lines.length;
      process.kill(killed, 'SIGKILL');
      await run.waitForLine(
        /^worker exited \(signal SIGKILL\); restarting in 1 s \(attempt 2\)$/,
        10_000,
        beforeKill,
      );
      restarted = pidIn(
        await run.waitForLine(/^worker restarted \(pid \d+\)$/, 10_000, beforeKill),
      );
      await run.waitForLine(/^\[worker\].*polling task queue/, READY_TIMEOUT_MS, beforeKill);
    } finally {
      health.stop();
    }
    const answers = await health.answers;
    expect(answers.length).toBeGreaterThan(3);
    expect(answers.filter((answer) => answer !== 200)).toEqual([]);
    expect(isAlive(killed)).toBe(false);
    expect(isAlive(restarted)).toBe(true);
    expect((await runDiagnostic('worker 重启之后')).status).toBe(201);
    expect(run.lines.filter((line) => line.startsWith('stopping'))).toEqual([]);
  }, 300_000);

  it('restarts a killed Temporal dev server on its own state', async () => {
    run = runDuban(['start'], env);
    await run.waitForLine(READY, READY_TIMEOUT_MS);
    const server = descendants(run.child.pid ?? -1).find((p) =>
      /temporal server start-dev/.test(p.args),
    );
    const before = (await (await runDiagnostic('Temporal 重启之前')).json()) as typeof diagnostic;
    // Never kill(-1): that would signal every process this user may signal.
    if (!server) throw new Error('no Temporal dev server below duban start');
    const beforeKill = run.lines.length;
    process.kill(server.pid, 'SIGKILL');
    await run.waitForLine(
      new RegExp(
        `^temporal dev server stopped answering on 127\\.0\\.0\\.1:${ports.TEMPORAL_PORT}; restarting in 1 s \\(attempt 2\\)$`,
      ),
      10_000,
      beforeKill,
    );
    await run.waitForLine(/^temporal dev server restarted$/, 30_000, beforeKill);
    expect((await runDiagnostic('Temporal 重启之后')).status).toBe(201);
    // The restarted server resumed from temporal.db.
    expect(await workflowStatus(before.workflowId)).toBe('COMPLETED');
  }, 300_000);

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
