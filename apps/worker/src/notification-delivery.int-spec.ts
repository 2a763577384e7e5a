import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import {
  DAILY_DIGEST_SCHEDULE_ID,
  NOTIFICATION_DISPATCHER_ID,
  TaskQueue,
  WORK_ITEM_WORKFLOW_TYPE,
  workItemWorkflowId,
} from '@duban/contracts';
import { renderNotice, type NoticeData } from '@duban/notifications';
import {
  AuditRepository,
  NotificationRepository,
  migrateDatabase,
  openDataSource,
  type PersonView,
  importSampleOrganisation,
} from '@duban/persistence';
import { parseEnv } from '@duban/config';
import { readSinkMessages, startNodeProcess, startSmtpSink, type SmtpSink } from '@duban/devstack';
import { startScriptedSmtpServer } from '@duban/testing';
import { messageIdFor, signalDispatcher } from '@duban/worker-kit';
import { LADDER, personIn, record, until, sleep, workItemInput } from './testing/worker-test-kit';
import { WorkerModule } from './worker.module';

function reminderFor(recipientName: string): NoticeData {
  return {
    kind: 'reminder',
    recipientName,
    item: {
      planTitle: '2024年区民政局工作要点',
      itemNo: 10,
      itemTitle: '完成适老化改造500户',
      unitName: '养老服务科',
      link: 'https://duban.example.gov.cn/plans/p/items/i',
    },
    milestone: { title: '完成', dueAt: new Date(Date.now() + 86_400_000).toISOString() },
    escalation: null,
    alsoTold: [],
    comment: null,
    extension: null,
    at: new Date().toISOString(),
  };
}

describe('notification delivery by the worker (Temporal dev server, MariaDB, SMTP on loopback)', () => {
  let sink: SmtpSink;
  let mailDir: string;
  let app: INestApplicationContext | undefined;
  let connection: Connection;
  let client: Client;
  let readerSource: DataSource;
  let notifications: NotificationRepository;
  let people: PersonView[];
  let unitId: (name: string) => string;

  const person = (role: string, unitName?: string) => personIn({ people, unitId }, role, unitName);

  beforeAll(async () => {
    mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-worker-mail-'));
    sink = await startSmtpSink({ port: 0, mailDir });
    // The in-process worker and every spawned one read these.
    process.env['SMTP_URL'] = `smtp://127.0.0.1:${sink.port}`;
    process.env['QUIET_HOURS'] = 'none';
    process.env['NOTIFY_RETRY_SECONDS'] = '1';
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    readerSource = await openDataSource(parseEnv(process.env).database);
    await migrateDatabase(readerSource, () => undefined);
    // Rows other test files left behind would be delivered into this test's sink.
    await readerSource.query('DELETE FROM notification_outbox');
    const audit = new AuditRepository(readerSource);
    ({ people, unitId } = await importSampleOrganisation(readerSource));
    notifications = new NotificationRepository(readerSource, audit);
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { logger: ['error'] });
    await app.init();
    connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS'] });
    client = new Client({ connection, namespace: process.env['TEMPORAL_NAMESPACE'] });
  });

  afterAll(async () => {
    await app?.close();
    await connection?.close();
    await readerSource?.destroy();
    await sink?.stop();
  });

  it('e-mails every notice of a work item once, to the people its outbox rows name', async () => {
    const staff = person('staff', '养老服务科');
    const input = workItemInput(
      { leadUnitId: unitId('养老服务科'), responsibleId: staff.id },
      8_000,
    );
    const workflowId = workItemWorkflowId(input.state.planId, input.state.itemNo);
    await client.workflow.start(WORK_ITEM_WORKFLOW_TYPE, {
      taskQueue: TaskQueue.supervision,
      workflowId,
      args: [input],
    });
    const rows = () => notifications.list({ workflowId });
    expect(
      await until(async () => {
        const all = await rows();
        return all.some((r) => r.step === LADDER.at(-1)) && all.every((r) => r.status === 'sent');
      }, 45_000),
    ).toBe(true);

    const sent = await rows();
    const byId = new Map(people.map((p) => [p.id, p]));
    const messages = await readSinkMessages(mailDir, 500);
    for (const row of sent) {
      const copies = messages.filter((m) => m.messageId === row.messageId);
      expect(copies).toHaveLength(1);
      const recipient = byId.get(row.recipientId);
      expect(copies[0]?.to).toContain(recipient?.email);
      expect(copies[0]?.subject).toBe(
        renderNotice(row.payload as NoticeData, recipient?.locale ?? 'zh-CN').subject,
      );
      expect(row.messageId).toBe(
        messageIdFor(row.idempotencyKey, parseEnv(process.env).notify.from),
      );
    }
    expect(new Set(sent.map((r) => r.step))).toEqual(new Set(['assign0', ...LADDER]));
    await record(client, NOTIFICATION_DISPATCHER_ID, 'notification-dispatcher-workflow.v1.json');
  });

  it('keeps a daily digest schedule at 08:30 China time, whose run queues digests', async () => {
    const schedule = client.schedule.getHandle(DAILY_DIGEST_SCHEDULE_ID);
    const description = await schedule.describe();
    expect(description.spec.timezone).toBe('Asia/Shanghai');
    expect(description.spec.calendars).toEqual([
      expect.objectContaining({
        hour: [{ start: 8, end: 8, step: 1 }],
        minute: [{ start: 30, end: 30, step: 1 }],
      }),
    ]);
    await schedule.trigger();
    let runId: string | undefined;
    await until(async () => {
      runId = (await schedule.describe()).info.recentActions.at(-1)?.action.workflow.workflowId;
      return runId !== undefined;
    });
    const queued = await client.workflow.getHandle(runId ?? '').result();
    expect(typeof queued).toBe('number');
    await record(client, runId ?? '', 'daily-digest-workflow.v1.json');
  });

  it('sends nothing twice when the worker dies between handing a message over and recording it', async () => {
    await app?.close();
    app = undefined;
    const key = `kill-test/${Date.now()}`;
    const messageId = messageIdFor(key, parseEnv(process.env).notify.from);
    // A held reply keeps the worker between "the server has it" and "the row says sent". Other
    // items' notices (workflows earlier test files left running) may come too: they go through.
    const holding = await startScriptedSmtpServer({
      afterData: (raw) => (raw.includes(messageId) ? 'hold' : 'accept'),
    });
    const spawnWorker = (smtpPort: number) =>
      startNodeProcess(
        'worker',
        'apps/worker/src/main.ts',
        { ...process.env, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, NOTIFY_LEASE_SECONDS: '2' },
        () => undefined,
      );
    const leader = people.find((p) => p.roles.includes('leader')) as PersonView;
    const first = spawnWorker(holding.port);
    try {
      await notifications.enqueue(
        [
          {
            key,
            kind: 'reminder',
            channel: 'email',
            recipientId: leader.id,
            recipientRole: 'responsible',
            workflowId: 'item/kill-test/1',
            planId: 'kill-test',
            itemId: 'kill-test',
            milestoneKey: null,
            step: 'reminder0@v1',
            urgingNotice: false,
            payload: reminderFor(leader.name),
            held: false,
            dueAt: new Date().toISOString(),
          },
        ],
        new Date(),
      );
      await signalDispatcher(client);
      const ours = () => holding.received.filter((raw) => raw.includes(messageId)).length;
      // A spawned worker compiles and connects first: slow on a busy machine.
      expect(await until(async () => ours() === 1, 90_000)).toBe(true);
      first.child.kill('SIGKILL');
      await first.exited;
      const [row] = (await notifications.list({})).filter((r) => r.idempotencyKey === key);
      expect(row?.status).toBe('sending');

      // The next worker sends into the accepting sink: a second copy would show up there.
      const second = spawnWorker(sink.port);
      try {
        const settled = async () => (await notifications.find(row?.id ?? ''))?.status === 'unknown';
        expect(await until(settled, 60_000)).toBe(true);
        await sleep(3_000);
      } finally {
        await second.stop();
      }
      const copies = (await readSinkMessages(mailDir, 500)).filter(
        (m) => m.messageId === messageId,
      );
      expect(copies).toHaveLength(0);
      expect(ours()).toBe(1);
      expect(await notifications.find(row?.id ?? '')).toMatchObject({ status: 'unknown' });
    } finally {
      // A no-op once it was killed; otherwise a failed test must not leave it running.
      first.child.kill('SIGKILL');
      await holding.close();
    }
  }, 300_000);
});
