import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import {
  TaskQueue,
  WORK_ITEM_WORKFLOW_TYPE,
  workItemCommandUpdate,
  workItemWorkflowId,
} from '@duban/contracts';
import {
  ladderFor,
  resolveRecipients,
  stepId,
  WorkingCalendar,
  WEEKDAYS_ONLY,
  type EscalationPolicy,
  type WorkItemCommand,
  actorOf,
} from '@duban/domain';
import {
  AuditRepository,
  NotificationRepository,
  OrgRepository,
  importSampleOrganisation,
  migrateDatabase,
  openDataSource,
  type OutboxRow,
  type PersonView,
} from '@duban/persistence';
import { parseEnv } from '@duban/config';
import { readSinkMessages, startSmtpSink, type SmtpSink } from '@duban/devstack';
import { BUNDLE_QUIET_MS, type NoticeData } from '@duban/notifications';
import { SECONDS_POLICY, personIn, sleep, until, workItemInput } from './testing/worker-test-kit';
import { WorkerModule } from './worker.module';

/** Escalations 6 s apart: room for a command to land between two of them on a busy machine. */
const POLICY: EscalationPolicy = {
  ...SECONDS_POLICY,
  escalations: SECONDS_POLICY.escalations.map((rule, i) => ({
    ...rule,
    after: { duration: `PT${i * 6}S` },
  })),
};

/** The deadline a ladder step's row belongs to, as its notice tells the recipient. */
const ladderDueOf = (row: OutboxRow) =>
  /^(reminder|escalation)\d+@v\d+$/.test(row.step)
    ? (row.payload as NoticeData | null)?.milestone?.dueAt
    : undefined;

describe('notices when deadlines move while ladders run (Temporal, MariaDB, SMTP sink)', () => {
  let sink: SmtpSink;
  let mailDir: string;
  let app: INestApplicationContext;
  let connection: Connection;
  let client: Client;
  let readerSource: DataSource;
  let outbox: NotificationRepository;
  let org: OrgRepository;
  let people: PersonView[];
  let unitId: (name: string) => string;

  const person = (role: string, unitName?: string) => personIn({ people, unitId }, role, unitName);

  beforeAll(async () => {
    mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-moved-mail-'));
    sink = await startSmtpSink({ port: 0, mailDir });
    process.env['SMTP_URL'] = `smtp://127.0.0.1:${sink.port}`;
    process.env['QUIET_HOURS'] = 'none';
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    readerSource = await openDataSource(parseEnv(process.env).database);
    await migrateDatabase(readerSource, () => undefined);
    await readerSource.query('DELETE FROM notification_outbox');
    ({ people, unitId } = await importSampleOrganisation(readerSource));
    const audit = new AuditRepository(readerSource);
    outbox = new NotificationRepository(readerSource, audit);
    org = new OrgRepository(readerSource, audit);
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

  async function startItem(itemNo: number, dueInMs: number) {
    const base = workItemInput(
      { leadUnitId: unitId('养老服务科'), responsibleId: person('staff', '养老服务科').id },
      dueInMs,
      POLICY,
    );
    const input = { ...base, state: { ...base.state, itemNo } };
    const workflowId = workItemWorkflowId(input.state.planId, itemNo);
    await client.workflow.start(WORK_ITEM_WORKFLOW_TYPE, {
      taskQueue: TaskQueue.supervision,
      workflowId,
      args: [input],
    });
    return { workflowId, input, dueAt: input.state.milestones[0]?.dueAt ?? '' };
  }

  const send = (workflowId: string, who: PersonView, command: WorkItemCommand) =>
    client.workflow
      .getHandle(workflowId)
      .executeUpdate(workItemCommandUpdate, { args: [{ actor: actorOf(who), command }] });

  const rowsOf = (workflowId: string) => outbox.list({ workflowId });
  const fired = async (workflowId: string, step: string, dueAt: string) =>
    (await rowsOf(workflowId)).some((r) => r.step === step && ladderDueOf(r) === dueAt);

  /** Who each step of a ladder must reach, as the domain's one rule resolves them. */
  async function expectedRows(input: ReturnType<typeof workItemInput>, dueAt: string) {
    const snapshot = { units: await org.listUnits(), people: await org.listPeople() };
    const responsibility = input.state.responsibility;
    return ladderFor(dueAt, POLICY, new WorkingCalendar(WEEKDAYS_ONLY)).flatMap((step) =>
      resolveRecipients(step.recipients, responsibility, snapshot).map(
        (r) => `${stepId(step.kind, step.step, POLICY.version)}→${r.personId}`,
      ),
    );
  }

  it('reaches every recipient of every current ladder once, and nobody from an abandoned one', async () => {
    const staff = person('staff', '养老服务科');
    const leader = people.find(
      (p) => p.roles.includes('leader') && p.chargeUnitIds.includes(unitId('养老服务科')),
    );
    if (!leader) throw new Error('no leader in charge of 养老服务科');
    const supervisor = person('supervisor');
    const [extended, redated, abandoned] = await Promise.all([
      startItem(1, 10_000),
      startItem(2, 10_000),
      startItem(3, 40_000),
    ]);

    // Extended while its ladder runs: the deadline passed, the leader is next.
    expect(
      await until(() => fired(extended.workflowId, 'escalation0@v1', extended.dueAt), 40_000),
    ).toBe(true);
    const extendedTo = new Date(Date.now() + 12_000).toISOString();
    await send(extended.workflowId, staff, {
      type: 'requestExtension',
      milestoneKey: 'final',
      dueAt: extendedTo,
      reason: '施工队伍调整',
    });
    await send(extended.workflowId, leader, {
      type: 'decideExtension',
      milestoneKey: 'final',
      approve: true,
      comment: '同意',
    });
    const extendedAt = new Date().toISOString();

    // Re-dated after its whole ladder went out: the new ladder reaches the same people again.
    expect(
      await until(() => fired(redated.workflowId, 'escalation2@v1', redated.dueAt), 40_000),
    ).toBe(true);
    const redatedTo = new Date(Date.now() + 10_000).toISOString();
    await send(redated.workflowId, supervisor, {
      type: 'setMilestones',
      milestones: [{ key: 'final', title: '完成', dueAt: redatedTo }],
    });

    // Re-dated once reminded, before its deadline: what the old ladder had left never goes out.
    expect(
      await until(() => fired(abandoned.workflowId, 'reminder0@v1', abandoned.dueAt), 40_000),
    ).toBe(true);
    const abandonedTo = new Date(Date.now() + 10_000).toISOString();
    await send(abandoned.workflowId, supervisor, {
      type: 'setMilestones',
      milestones: [{ key: 'final', title: '完成', dueAt: abandonedTo }],
    });
    const abandonedAt = new Date().toISOString();

    const ladders = [
      { item: extended, dueAt: extendedTo },
      { item: redated, dueAt: redated.dueAt },
      { item: redated, dueAt: redatedTo },
      { item: abandoned, dueAt: abandonedTo },
    ];
    const settled = async () => {
      const rows = (
        await Promise.all([extended, redated, abandoned].map((i) => rowsOf(i.workflowId)))
      ).flat();
      const complete = await Promise.all(
        ladders.map(({ item, dueAt }) => fired(item.workflowId, 'escalation2@v1', dueAt)),
      );
      return (
        complete.every(Boolean) && rows.every((r) => r.status === 'sent' || r.status === 'digested')
      );
    };
    expect(await until(settled, 90_000)).toBe(true);
    await sleep(BUNDLE_QUIET_MS);

    for (const { item, dueAt } of ladders) {
      const rows = (await rowsOf(item.workflowId)).filter(
        (r) => r.channel === 'email' && ladderDueOf(r) === dueAt,
      );
      expect(rows.map((r) => `${r.step}→${r.recipientId}`).sort()).toEqual(
        (await expectedRows(item.input, dueAt)).sort(),
      );
    }
    const oldLadder = async (item: typeof extended, movedAt: string) =>
      (await rowsOf(item.workflowId)).filter(
        (r) => ladderDueOf(r) === item.dueAt && r.createdAt > movedAt,
      );
    expect(await oldLadder(extended, extendedAt)).toEqual([]);
    expect(await oldLadder(abandoned, abandonedAt)).toEqual([]);
    expect(
      (await rowsOf(abandoned.workflowId)).filter(
        (r) => ladderDueOf(r) === abandoned.dueAt && r.step.startsWith('escalation'),
      ),
    ).toEqual([]);

    // Every row reached the SMTP server exactly once: alone, or inside the bundle it joined.
    const all = await outbox.list({});
    const byId = new Map(all.map((r) => [r.id, r]));
    const messages = await readSinkMessages(mailDir, 1000);
    const mine = (
      await Promise.all([extended, redated, abandoned].map((i) => rowsOf(i.workflowId)))
    )
      .flat()
      .filter((r) => r.channel === 'email');
    for (const row of mine) {
      const carrier = row.status === 'digested' ? byId.get(row.digestId ?? '') : row;
      expect(carrier?.status).toBe('sent');
      const copies = messages.filter((m) => m.messageId === carrier?.messageId);
      expect(copies).toHaveLength(1);
      expect(copies[0]?.to).toContain(people.find((p) => p.id === row.recipientId)?.email);
    }
  }, 240_000);
});
