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

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0, mailDir: path.join(dataDir, 'mail') });
    const port = await freePort();
    api = `http://127.0.0.1:${port}/api`;
    run = runDuban(
      ['start'],
      cleanEnv({
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        TEMPORAL_ADDRESS: process.env['TEMPORAL_ADDRESS'] ?? '',
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      }),
    );
    await run.waitForLine(/已启动/, 150_000);
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
      headers: { 'content-type': 'application/json' },
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

  it('puts no demo data into a configured database', async () => {
    expect(await (await fetch(`${api}/plans`)).json()).toEqual([]);
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
    const read = await fetch(`${api}/diagnostics/${result.probe.requestId}`);
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
    expect((await fetch(`${api}/diagnostics/not-a-uuid`)).status).toBe(400);
    const missing = await fetch(`${api}/diagnostics/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toMatch(/不存在/);
  });

  it('serves the OpenAPI document and its UI', async () => {
    expect((await fetch(`${api}/docs`)).status).toBe(200);
    const document = (await (await fetch(`${api}/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/diagnostics',
      '/api/diagnostics/{requestId}',
      '/api/health',
      '/api/plans',
      '/api/plans/import',
      '/api/plans/{id}',
      '/api/plans/{id}/confirm',
      '/api/plans/{id}/items/{itemId}',
      '/api/plans/{id}/items/{itemId}/targets',
      '/api/plans/{id}/sections/{sectionNo}',
    ]);
  });
});
