import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ensureTemporalCli,
  freePort,
  startSmtpSink,
  startTemporalDevServer,
  type SmtpSink,
  type TemporalDevServer,
} from '@duban/devstack';
import { startTcpProxy, type TcpProxy } from '@duban/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApiApp } from '../create-api-app';

type Dependency = 'database' | 'temporal' | 'smtp' | 'notifications';
interface HealthAnswer {
  status: number;
  body: { details: Record<Dependency, { status: 'up' | 'down' }> };
}

/**
 * Each dependency is a real server the test can stop and start again on the same address: its
 * own Temporal dev server, its own SMTP sink, and a TCP relay in front of MariaDB.
 */
describe('GET /api/health', () => {
  let app: NestFastifyApplication;
  let url: string;
  let temporal: TemporalDevServer;
  let temporalPort: number;
  let sink: SmtpSink;
  let smtpPort: number;
  let database: TcpProxy;
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-health-mail-'));

  const startTemporal = async () =>
    startTemporalDevServer({
      executable: await ensureTemporalCli(() => undefined),
      namespace: 'duban',
      port: temporalPort,
    });

  async function health(): Promise<HealthAnswer> {
    const response = await fetch(url);
    return { status: response.status, body: (await response.json()) as HealthAnswer['body'] };
  }

  /** Polls until the expected status; returns how long it took. */
  async function waitForStatus(status: number, withinMs: number): Promise<number> {
    const started = Date.now();
    let last: HealthAnswer | undefined;
    while (Date.now() - started < withinMs) {
      last = await health();
      if (last.status === status) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(
      `health stayed ${last?.status} ${JSON.stringify(last?.body)} for ${withinMs} ms`,
    );
  }

  function downOnly(answer: HealthAnswer): Dependency[] {
    return (Object.keys(answer.body.details) as Dependency[]).filter(
      (name) => answer.body.details[name].status === 'down',
    );
  }

  beforeAll(async () => {
    temporalPort = await freePort();
    temporal = await startTemporal();
    sink = await startSmtpSink({ port: 0, mailDir });
    smtpPort = sink.port;
    const mysql = new URL(process.env['DATABASE_URL'] ?? '');
    database = await startTcpProxy(mysql.hostname, Number(mysql.port || 3306));
    mysql.host = `127.0.0.1:${database.port}`;
    process.env['DATABASE_URL'] = mysql.toString();
    process.env['TEMPORAL_ADDRESS'] = temporal.address;
    process.env['SMTP_URL'] = `smtp://127.0.0.1:${smtpPort}`;
    app = await createApiApp();
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/api/health`.replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await Promise.allSettled([temporal?.stop(), sink?.stop(), database?.stop()]);
    fs.rmSync(mailDir, { recursive: true, force: true });
  });

  it('answers 200 with database, Temporal, SMTP and the outbox counts reported separately', async () => {
    const answer = await health();
    expect(answer.status).toBe(200);
    expect(answer.body.details).toEqual({
      database: { status: 'up' },
      temporal: { status: 'up' },
      smtp: { status: 'up' },
      notifications: { status: 'up', pending: 0, held: 0, sending: 0, failed: 0, unknown: 0 },
    });
  });

  it('answers 503 within 5 s of Temporal stopping, and 200 again once it is back', async () => {
    await temporal.stop();
    const elapsed = await waitForStatus(503, 5_000);
    expect(downOnly(await health())).toEqual(['temporal']);
    expect(elapsed).toBeLessThan(5_000);
    temporal = await startTemporal();
    await waitForStatus(200, 30_000);
  });

  it('answers 503 while the SMTP server is down, and 200 again once it is back', async () => {
    await sink.stop();
    await waitForStatus(503, 5_000);
    expect(downOnly(await health())).toEqual(['smtp']);
    sink = await startSmtpSink({ port: smtpPort, mailDir });
    await waitForStatus(200, 10_000);
  });

  it('answers 503 while the database is unreachable, and 200 again once it is back', async () => {
    await database.stop();
    await waitForStatus(503, 5_000);
    // Without the database the outbox cannot be read, let alone delivered.
    expect(downOnly(await health())).toEqual(['database', 'notifications']);
    await database.start();
    await waitForStatus(200, 30_000);
  });
});
