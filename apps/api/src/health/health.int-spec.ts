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
import { AuditRepository, NotificationRepository, type AttemptResult } from '@duban/persistence';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { createApiApp } from '../create-api-app';
import type { DependencyHealth } from './health-report';

type Dependency = 'database' | 'temporal' | 'smtp' | 'notifications';
interface HealthAnswer {
  status: number;
  body: { details: Record<Dependency, DependencyHealth> };
  /** From sending the request to the whole answer read. */
  ms: number;
}

/** The API on the addresses in the environment, with some of them replaced. */
async function startApi(
  overrides: Record<string, string> = {},
): Promise<{ app: NestFastifyApplication; url: string }> {
  const saved = Object.keys(overrides).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, overrides);
  try {
    const app = await createApiApp();
    await app.listen(0, '127.0.0.1');
    return { app, url: `${await app.getUrl()}/api/health`.replace('[::1]', '127.0.0.1') };
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function healthAt(url: string): Promise<HealthAnswer> {
  const started = Date.now();
  const response = await fetch(url);
  const body = (await response.json()) as HealthAnswer['body'];
  return { status: response.status, body, ms: Date.now() - started };
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

  const health = () => healthAt(url);

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
    ({ app, url } = await startApi());
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

  describe('an SMTP server that takes connections but refuses the messages', () => {
    let outbox: NotificationRepository;
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

    beforeAll(() => {
      const dataSource = app.get(DataSource);
      outbox = new NotificationRepository(dataSource, new AuditRepository(dataSource));
    });

    afterEach(async () => {
      await app.get(DataSource).query('DELETE FROM notification_outbox');
    });

    /** One e-mail row, tried at `at` (as the worker would) with this result. */
    async function triedAt(at: Date, attempt: AttemptResult): Promise<void> {
      const key = `health-test/${Math.random()}`;
      await outbox.enqueue(
        [
          {
            key,
            kind: 'reminder',
            channel: 'email',
            recipientId: 'health-test-person',
            recipientRole: 'responsible',
            workflowId: 'item/health-test/1',
            planId: 'health-test',
            itemId: 'health-test',
            milestoneKey: 'q1',
            step: 'reminder0@v1',
            urgingNotice: false,
            payload: {},
            held: false,
            dueAt: at.toISOString(),
          },
        ],
        at,
      );
      const { token, rows } = await outbox.claimDue(10, at);
      await outbox.recordAll(token, [{ id: rows[0]?.id ?? '', attempt }], at);
    }

    it('is degraded with the last reply while the newest deliveries were refused, and 200', async () => {
      const lastRefusal = minutesAgo(2);
      await triedAt(minutesAgo(3), { status: 'failed', result: '554 5.7.1 relay access denied' });
      await triedAt(lastRefusal, {
        status: 'pending',
        result: '451 4.7.1 greylisted, try later',
        retryAt: new Date(),
      });

      const answer = await health();
      expect(answer.status).toBe(200);
      expect(answer.body.details.smtp).toEqual({
        status: 'degraded',
        lastReply: '451 4.7.1 greylisted, try later',
        at: lastRefusal.toISOString(),
      });
    });

    it('is up again once a delivery after the refusals went through', async () => {
      await triedAt(minutesAgo(3), { status: 'failed', result: '554 5.7.1 relay access denied' });
      await triedAt(minutesAgo(1), { status: 'sent', result: '250 queued', messageId: '<m@x>' });
      expect((await health()).body.details.smtp).toEqual({ status: 'up' });
    });
  });

  it('answers 503 naming Temporal within a second when nothing listens at its address', async () => {
    const closed = await startApi({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    try {
      // The first question finds the connection never made, the next one finds it failing.
      for (let question = 0; question < 2; question += 1) {
        const answer = await healthAt(closed.url);
        expect(answer.status).toBe(503);
        expect(downOnly(answer)).toEqual(['temporal']);
        expect(answer.body.details.temporal['message']).toEqual(expect.any(String));
        expect(answer.ms).toBeLessThan(1_000);
      }
    } finally {
      await closed.app.close();
    }
  });

  it('answers 503 naming SMTP within a second when its server never says hello', async () => {
    const held = new Set<net.Socket>();
    const silent = net.createServer((socket) => void held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const mute = await startApi({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    try {
      const answer = await healthAt(mute.url);
      expect(answer.status).toBe(503);
      expect(downOnly(answer)).toEqual(['smtp']);
      expect(answer.ms).toBeLessThan(1_000);
    } finally {
      await mute.app.close();
      held.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
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
