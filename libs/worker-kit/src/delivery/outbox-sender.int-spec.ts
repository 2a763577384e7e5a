import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { freePort, readSinkMessages, startSmtpSink, type SmtpSink } from '@duban/devstack';
import { renderNotice } from '@duban/notifications';
import { startScriptedSmtpServer } from '@duban/testing';
import type { OutboxRow, PersonView } from '@duban/persistence';
import { messageIdFor } from './mail-sender';
import type { NotificationDeps } from './notification-deps';
import { deliverBatch, drainOutbox } from './outbox-sender';
import { replyJson, startChatRobotServer } from './testing/chat-robot-server';
import {
  deliveryDeps,
  emailRow,
  escalationNotice,
  openDeliveryDatabase,
} from './testing/delivery-fixture';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('outbox delivery through nodemailer to SMTP servers on loopback (MariaDB)', () => {
  let dataSource: DataSource;
  let leader: PersonView;
  const open: { close(): void }[] = [];
  let mailDir: string;

  beforeAll(async () => {
    const db = await openDeliveryDatabase();
    dataSource = db.dataSource;
    const found = db.people.find((p) => p.roles.includes('leader'));
    if (!found) throw new Error('the sample bureau has no leader');
    leader = found;
  });

  beforeEach(async () => {
    await dataSource.query('DELETE FROM notification_outbox');
    mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-mail-'));
  });

  const closeTransports = () => open.splice(0).forEach((transport) => transport.close());
  afterEach(closeTransports);

  afterAll(async () => {
    await dataSource?.destroy();
  });

  function deps(port: number, settings: Partial<NotificationDeps['settings']> = {}) {
    const built = deliveryDeps(dataSource, port, settings);
    open.push(built.mail);
    return built;
  }

  async function row(deps: NotificationDeps, id: string): Promise<OutboxRow> {
    const found = await deps.notifications.find(id);
    if (!found) throw new Error(`row ${id} is gone`);
    return found;
  }

  async function queue(deps: NotificationDeps, count = 1): Promise<OutboxRow[]> {
    const messages = Array.from({ length: count }, () => emailRow(leader));
    await deps.notifications.enqueue(messages, new Date());
    const rows = await deps.notifications.list({});
    return rows.filter((r) => messages.some((m) => m.key === r.idempotencyKey));
  }

  /** Drains round after round, as the dispatcher does, until nothing is waiting or in flight. */
  async function drainUntilSettled(deps: NotificationDeps, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await drainOutbox(deps, { until: Number.POSITIVE_INFINITY, batch: 10 });
      const { pending, sending } = await deps.notifications.counts();
      if (pending + sending === 0 || Date.now() > deadline) return;
      await sleep(100);
    }
  }

  async function withSink<T>(port: number, run: (sink: SmtpSink) => Promise<T>): Promise<T> {
    const sink = await startSmtpSink({ port, mailDir });
    try {
      return await run(sink);
    } finally {
      // The server waits for open connections when it stops: the pools go first.
      closeTransports();
      await sink.stop();
    }
  }

  it('sends one message with the recipient, subject, both bodies and a Message-ID from the key', async () => {
    await withSink(0, async (sink) => {
      const d = deps(sink.port);
      const [queued] = await queue(d);
      expect(await deliverBatch(d, 10)).toBe(1);

      const messages = await readSinkMessages(mailDir, 10);
      expect(messages).toHaveLength(1);
      const [mail] = messages;
      const expected = renderNotice(escalationNotice(leader.name), 'zh-CN');
      expect(mail?.to).toContain(leader.email);
      expect(mail?.from).toContain('duban@mz.example.gov.cn');
      expect(mail?.subject).toBe(expected.subject);
      expect(mail?.text.trim()).toBe(expected.text.trim());
      expect(mail?.html.trim()).toBe(expected.html.trim());
      const messageId = messageIdFor(queued?.idempotencyKey ?? '', d.settings.from);
      expect(mail?.messageId).toBe(messageId);

      const sent = await row(d, queued?.id ?? '');
      expect(sent).toMatchObject({ status: 'sent', messageId, attempts: 1 });
      expect(sent.lastResult).toMatch(/^250/);
    });
  });

  it('retries while the SMTP server is down, then delivers exactly one message once it is back', async () => {
    const port = await freePort();
    const d = deps(port, { retryBaseMs: 500 });
    const [queued] = await queue(d);
    expect(await deliverBatch(d, 10)).toBe(1);
    const waiting = await row(d, queued?.id ?? '');
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting.lastResult).toMatch(/ECONNREFUSED/);
    expect(await deliverBatch(d, 10)).toBe(0);

    await withSink(port, async () => {
      await sleep(600);
      expect(await deliverBatch(d, 10)).toBe(1);
      await sleep(1_200);
      expect(await deliverBatch(d, 10)).toBe(0);
      expect(await readSinkMessages(mailDir, 10)).toHaveLength(1);
      expect(await row(d, queued?.id ?? '')).toMatchObject({ status: 'sent', attempts: 2 });
    });
  });

  it('never re-sends a message the server took in full before the connection dropped', async () => {
    const server = await startScriptedSmtpServer({ afterData: () => 'drop' });
    try {
      const d = deps(server.port, { retryBaseMs: 100 });
      const [queued] = await queue(d);
      expect(await deliverBatch(d, 10)).toBe(1);
      const after = await row(d, queued?.id ?? '');
      expect(after.status).toBe('unknown');
      await sleep(300);
      expect(await deliverBatch(d, 10)).toBe(0);
      expect(server.received).toHaveLength(1);
      expect(await row(d, queued?.id ?? '')).toMatchObject({ status: 'unknown', attempts: 1 });
    } finally {
      await server.close();
    }
  });

  it('retries a message whose connection dropped before DATA, and sends it once', async () => {
    let mailCommands = 0;
    const server = await startScriptedSmtpServer({
      mailReply: () => (mailCommands++ === 0 ? 'drop' : '250 2.1.0 ok'),
    });
    try {
      const d = deps(server.port, { retryBaseMs: 100 });
      const [queued] = await queue(d);
      await deliverBatch(d, 10);
      const waiting = await row(d, queued?.id ?? '');
      expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
      await sleep(300);
      await deliverBatch(d, 10);
      expect(await row(d, queued?.id ?? '')).toMatchObject({ status: 'sent', attempts: 2 });
      expect(server.received).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('marks a refused address failed with the server reply and does not retry it', async () => {
    const server = await startScriptedSmtpServer({ rcptReply: '550 5.1.1 <x>: user unknown' });
    try {
      const d = deps(server.port, { retryBaseMs: 100 });
      const [queued] = await queue(d);
      await deliverBatch(d, 10);
      await sleep(300);
      expect(await deliverBatch(d, 10)).toBe(0);
      const failed = await row(d, queued?.id ?? '');
      expect(failed.status).toBe('failed');
      expect(failed.lastResult).toContain('550 5.1.1');
      expect(server.received).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('retries a 4xx answer to the message and sends it once when the server accepts', async () => {
    let answers = 0;
    const server = await startScriptedSmtpServer({
      afterData: () => (answers++ === 0 ? { reply: '451 4.3.0 try again later' } : 'accept'),
    });
    try {
      const d = deps(server.port, { retryBaseMs: 200 });
      const [queued] = await queue(d);
      await deliverBatch(d, 10);
      expect(await row(d, queued?.id ?? '')).toMatchObject({ status: 'pending' });
      await sleep(300);
      await deliverBatch(d, 10);
      expect(await row(d, queued?.id ?? '')).toMatchObject({ status: 'sent', attempts: 2 });
    } finally {
      await server.close();
    }
  });

  it('retries every row a server closing with 421 on MAIL FROM refused, over reused pooled connections, and sends each once', async () => {
    let closingUntil = 0;
    let closings = 0;
    const server = await startScriptedSmtpServer({
      mailReply: () => {
        // Four messages in, every pooled connection has been used: the next MAIL FROM goes
        // over a reused one, as in production when the server starts going down mid-minute.
        if (closingUntil === 0 && server.received.length >= 4) closingUntil = Date.now() + 1_000;
        if (Date.now() >= closingUntil) return '250 2.1.0 ok';
        closings += 1;
        return '421 4.3.2 service shutting down';
      },
    });
    try {
      const d = deps(server.port, { retryBaseMs: 200, concurrency: 4 });
      const queued = await queue(d, 12);
      await drainUntilSettled(d, 20_000);

      expect(closings).toBeGreaterThan(0);
      expect(await d.notifications.counts()).toMatchObject({
        sent: 12,
        unknown: 0,
        failed: 0,
        pending: 0,
      });
      const ids = server.received.map((m) => /^Message-ID: (.+)$/im.exec(m)?.[1]?.trim());
      expect(ids).toHaveLength(12);
      expect(new Set(ids)).toEqual(
        new Set(queued.map((r) => messageIdFor(r.idempotencyKey, d.settings.from))),
      );
    } finally {
      closeTransports();
      await server.close();
    }
  });

  it('lets two senders drain the same rows without sending any message twice', async () => {
    await withSink(0, async (sink) => {
      const [a, b] = [deps(sink.port), deps(sink.port)];
      await queue(a, 40);
      const attempted = await Promise.all([deliverBatch(a, 25), deliverBatch(b, 25)]);
      const rest = (await deliverBatch(a, 25)) + (await deliverBatch(b, 25));
      expect(attempted.reduce((x, y) => x + y, 0) + rest).toBe(40);
      const messages = await readSinkMessages(mailDir, 100);
      expect(messages).toHaveLength(40);
      expect(new Set(messages.map((m) => m.messageId)).size).toBe(40);
    });
  });

  it('drains batch after batch, claiming the next ahead, and sends each row once', async () => {
    await withSink(0, async (sink) => {
      const d = deps(sink.port);
      await queue(d, 35);
      let recorded = 0;
      const drained = await drainOutbox(d, {
        until: Number.POSITIVE_INFINITY,
        batch: 10,
        onRecorded: () => (recorded += 1),
      });
      expect(drained).toEqual({ attempted: 35, more: false });
      expect(recorded).toBe(35);
      expect(await d.notifications.counts()).toMatchObject({ sent: 35, sending: 0, pending: 0 });
      const messages = await readSinkMessages(mailDir, 100);
      expect(new Set(messages.map((m) => m.messageId)).size).toBe(35);
      expect(messages).toHaveLength(35);
    });
  });

  it('claims no batch after the deadline and says more may be due', async () => {
    await withSink(0, async (sink) => {
      const d = deps(sink.port);
      await queue(d, 30);
      expect(await drainOutbox(d, { until: 0, batch: 10 })).toEqual({ attempted: 10, more: true });
      expect(await d.notifications.counts()).toMatchObject({ sent: 10, pending: 20, sending: 0 });
    });
  });

  it('stops sending when results cannot be written, and gives back every row not tried', async () => {
    await withSink(0, async (sink) => {
      const d = deps(sink.port);
      await queue(d, 40);
      const broken: NotificationDeps = {
        ...d,
        notifications: Object.assign(Object.create(d.notifications), {
          recordAll: () => Promise.reject(new Error('database gone')),
        }),
      };
      await expect(
        drainOutbox(broken, { until: Number.POSITIVE_INFINITY, batch: 10 }),
      ).rejects.toThrow('database gone');
      // What went out stays `sending` (its lease will write it off as unknown, never sent
      // twice); what was claimed but never tried waits again, its attempt not counted.
      const sent = (await readSinkMessages(mailDir, 100)).length;
      expect(sent).toBeGreaterThanOrEqual(10);
      expect(sent).toBeLessThan(40);
      expect(await d.notifications.counts()).toMatchObject({ sending: sent, pending: 40 - sent });
      const waiting = await d.notifications.list({ status: 'pending' });
      expect(waiting.map((r) => r.attempts)).toEqual(Array(40 - sent).fill(0));
    });
  });

  it('stops when the next batch cannot be claimed, after recording what went out', async () => {
    await withSink(0, async (sink) => {
      const d = deps(sink.port);
      await queue(d, 30);
      let claims = 0;
      const broken: NotificationDeps = {
        ...d,
        notifications: Object.assign(Object.create(d.notifications), {
          claimDue: (limit: number, now: Date) =>
            claims++ === 0
              ? d.notifications.claimDue(limit, now)
              : Promise.reject(new Error('database gone')),
        }),
      };
      await expect(
        drainOutbox(broken, { until: Number.POSITIVE_INFINITY, batch: 10 }),
      ).rejects.toThrow('database gone');
      expect(await readSinkMessages(mailDir, 100)).toHaveLength(10);
      expect(await d.notifications.counts()).toMatchObject({ sent: 10, pending: 20, sending: 0 });
    });
  });

  it("posts a notice to a unit's DingTalk robot, signed, once", async () => {
    const secret = 'SEC-test-secret';
    const robot = await startChatRobotServer((request, response) => {
      const query = new URL(request.url, 'http://robot').searchParams;
      const timestamp = query.get('timestamp') ?? '';
      const expected = createHmac('sha256', secret)
        .update(`${timestamp}\n${secret}`)
        .digest('base64');
      replyJson(
        response,
        200,
        query.get('sign') === expected
          ? { errcode: 0, errmsg: 'ok' }
          : { errcode: 310000, errmsg: 'sign not match' },
      );
    });
    try {
      const d = deps(await freePort());
      const { id: unitId } = await d.org.createUnit(
        {
          code: `robot-${Date.now()}`,
          name: `有群机器人的单位${Date.now()}`,
          kind: 'department',
          headId: null,
          chatWebhook: {
            kind: 'dingtalk',
            url: `${robot.origin}/robot/send?access_token=t`,
            secret,
          },
        },
        null,
      );
      const message = emailRow(leader, {
        channel: 'chat',
        recipientId: unitId,
        recipientRole: 'unit',
      });
      await d.notifications.enqueue([message], new Date());
      expect(await deliverBatch(d, 10)).toBe(1);
      expect(await deliverBatch(d, 10)).toBe(0);
      expect(robot.requests).toHaveLength(1);
      const body = JSON.parse(robot.requests[0]?.body.toString('utf8') ?? '{}');
      expect(body.msgtype).toBe('markdown');
      expect(body.markdown.text).toContain('完成适老化改造500户');
      const [sent] = await d.notifications.list({ recipientId: unitId });
      expect(sent).toMatchObject({ status: 'sent', channel: 'chat', messageId: null });
    } finally {
      await robot.close();
    }
  });

  it('writes off a row whose sender died mid-send as unknown instead of sending it again', async () => {
    await withSink(0, async (sink) => {
      const d = deps(sink.port, { claimLeaseMs: 200 });
      const [queued] = await queue(d);
      await d.notifications.claimDue(10, new Date());
      await sleep(300);
      expect(await deliverBatch(d, 10)).toBe(0);
      expect(await row(d, queued?.id ?? '')).toMatchObject({ status: 'unknown' });
      expect(await readSinkMessages(mailDir, 10)).toHaveLength(0);
    });
  });
});
