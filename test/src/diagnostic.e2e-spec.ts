import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { parseEnv } from '@duban/config';
import type { DiagnosticResult } from '@duban/contracts';
import { freePort, startSmtpSink, type SmtpSink } from '@duban/devstack';
import {
  DiagnosticProbeEntity,
  DiagnosticProbeRepository,
  openDataSource,
} from '@duban/persistence';
import { cleanEnv, descendants, runDuban, type DubanRun } from './support/duban-process';
import { bearer, signIn } from './support/sign-in';

/**
 * The whole system as deployed against servers it does not own: the test run's Temporal dev
 * server and MariaDB database, and an SMTP server on loopback.
 */
describe('diagnostic round trip through HTTP, Temporal, the worker and MariaDB', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-e2e-'));
  const databaseUrl = process.env['DATABASE_URL'] ?? '';
  let sink: SmtpSink;
  let run: DubanRun;
  let api: string;
  let dataSource: DataSource;
  let adminToken: string;

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0, mailDir: path.join(dataDir, 'mail') });
    const port = await freePort();
    api = `http://127.0.0.1:${port}/api`;
    const env = cleanEnv({
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: process.env['TEMPORAL_ADDRESS'] ?? '',
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    });
    run = runDuban(['start'], env);
    await run.waitForLine(/已启动/, 150_000);
    // A real installation's first administrator, as the README says to create one.
    const create = runDuban(
      [
        'user',
        'create',
        '--admin',
        '--username',
        'first-admin',
        '--name',
        '管理员',
        '--email',
        'admin@example.gov.cn',
      ],
      env,
    );
    expect(await create.exited).toBe(0);
    const password = (await create.waitForLine(/初始密码/, 1000)).split('：')[1] ?? '';
    adminToken = await signIn(api, 'first-admin', password);
    dataSource = await openDataSource(parseEnv({ DATABASE_URL: databaseUrl }).database);
  });

  afterAll(async () => {
    await run?.interrupt();
    await dataSource?.destroy();
    await sink?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (body: string) =>
    fetch(`${api}/diagnostics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(adminToken) },
      body,
    });
  const probeCount = () => dataSource.getRepository(DiagnosticProbeEntity).count();

  it('uses the configured servers instead of starting its own', () => {
    const args = descendants(run.child.pid ?? -1)
      .map((p) => p.args)
      .join('\n');
    expect(args).not.toMatch(/temporal server/);
    expect(fs.existsSync(path.join(dataDir, 'duban.sqlite'))).toBe(false);
  });

  it('puts no demo data and no demo accounts into a configured database', async () => {
    const get = async (route: string) =>
      (await fetch(`${api}${route}`, { headers: bearer(adminToken) })).json();
    expect(await get('/plans')).toEqual([]);
    expect(await get('/units')).toEqual([]);
    expect(((await get('/people')) as { username: string }[]).map((p) => p.username)).toEqual([
      'first-admin',
    ]);
    expect(fs.existsSync(path.join(dataDir, 'demo-accounts.json'))).toBe(false);
  });

  it('refuses the API to anyone not signed in, writing nothing', async () => {
    const before = await probeCount();
    const anonymous = await fetch(`${api}/diagnostics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
    expect(await probeCount()).toBe(before);
  });

  it('reports all three dependencies up', async () => {
    const response = await fetch(`${api}/health`);
    expect(response.status).toBe(200);
  });

  it('starts the workflow, whose activity writes a row, and returns the row', async () => {
    const response = await post(JSON.stringify({ note: '端到端自检' }));
    expect(response.status).toBe(201);
    const result = (await response.json()) as DiagnosticResult;
    expect(result.probe).toMatchObject({ note: '端到端自检', workflowId: result.workflowId });
    const stored = await new DiagnosticProbeRepository(dataSource).findByRequestId(
      result.probe.requestId,
    );
    expect(stored).toEqual(result.probe);
    const read = await fetch(`${api}/diagnostics/${result.probe.requestId}`, {
      headers: bearer(adminToken),
    });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(result.probe);
  });

  it.each([
    [
      'a note longer than 200 characters',
      JSON.stringify({ note: '长'.repeat(201) }),
      /at most 200/,
    ],
    ['a note that is not text', JSON.stringify({ note: 42 }), /note must be a string/],
    [
      'an unknown field',
      JSON.stringify({ path: '../../etc/passwd' }),
      /property path should not exist/,
    ],
    ['malformed JSON', '{"note": ', /JSON/i],
  ])('answers 400 with a message to %s and writes nothing', async (_case, body, message) => {
    const before = await probeCount();
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(message);
    expect(await probeCount()).toBe(before);
  });

  it('answers 400 to a malformed id and 404 to an unknown one', async () => {
    const headers = bearer(adminToken);
    expect((await fetch(`${api}/diagnostics/not-a-uuid`, { headers })).status).toBe(400);
    const missing = await fetch(`${api}/diagnostics/00000000-0000-4000-8000-000000000000`, {
      headers,
    });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toMatch(/不存在/);
  });

  it('serves the OpenAPI document and its UI', async () => {
    expect((await fetch(`${api}/docs`)).status).toBe(200);
    const document = (await (await fetch(`${api}/docs-json`)).json()) as {
      paths: Record<string, unknown>;
      components: { securitySchemes?: Record<string, { scheme?: string }> };
    };
    // Which routes exist, and who may call each, is the endpoint matrix's business.
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/diagnostics']),
    );
    expect(document.components.securitySchemes?.['bearer']?.scheme).toBe('bearer');
  });
});
