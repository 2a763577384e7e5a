import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import {
  COMMAND_REFUSED,
  PLAN_WORKFLOW_TYPE,
  TaskQueue,
  WORK_ITEM_WORKFLOW_TYPE,
  workItemCommandUpdate,
  planWorkflowId,
  workItemWorkflowId,
  workItemStateQuery,
} from '@duban/contracts';
import {
  DEFAULT_ESCALATION_POLICY,
  WEEKDAYS_ONLY,
  milestoneLight,
  type EscalationPolicy,
  type WorkItemCommand,
  actorOf,
} from '@duban/domain';
import {
  AuditRepository,
  NotificationRepository,
  SupervisionRepository,
  migrateDatabase,
  openDataSource,
  type PersonView,
  importSampleOrganisation,
} from '@duban/persistence';
import { parseEnv } from '@duban/config';
import { startNodeProcess } from '@duban/devstack';
import {
  LADDER,
  personIn,
  SECONDS_POLICY,
  record,
  sleep,
  until,
  workItemInput,
} from './testing/worker-test-kit';
import { WorkerModule } from './worker.module';

describe('work-item workflow on a real Temporal dev server and MariaDB', () => {
  let app: INestApplicationContext;
  let connection: Connection;
  let client: Client;
  /** Reads the outbox and read model on its own connection: the worker comes and goes. */
  let readerSource: DataSource;
  let reader: SupervisionRepository;
  let people: PersonView[];
  let unitId: (name: string) => string;

  const person = (role: string, unitName?: string) => personIn({ people, unitId }, role, unitName);

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { logger: ['error'] });
    await migrateDatabase(app.get(DataSource), () => undefined);
    await app.init();
    ({ people, unitId } = await importSampleOrganisation(app.get(DataSource)));
    readerSource = await openDataSource(parseEnv(process.env).database);
    reader = new SupervisionRepository(readerSource);
    connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS'] });
    client = new Client({ connection, namespace: process.env['TEMPORAL_NAMESPACE'] });
  });

  afterAll(async () => {
    await connection?.close();
    await readerSource?.destroy();
    await app?.close();
  });

  function start(
    dueInMs: number,
    policy: EscalationPolicy = SECONDS_POLICY,
    historyLimit?: number,
  ) {
    const input = workItemInput(
      { leadUnitId: unitId('养老服务科'), responsibleId: person('staff', '养老服务科').id },
      dueInMs,
      policy,
      historyLimit,
    );
    const workflowId = workItemWorkflowId(input.state.planId, input.state.itemNo);
    return {
      workflowId,
      handle: client.workflow.start(WORK_ITEM_WORKFLOW_TYPE, {
        taskQueue: TaskQueue.supervision,
        workflowId,
        args: [input],
      }),
    };
  }

  const outbox = (workflowId: string) =>
    new NotificationRepository(readerSource, new AuditRepository(readerSource)).list({
      workflowId,
    });
  const command = async (workflowId: string, who: PersonView, cmd: WorkItemCommand) =>
    client.workflow
      .getHandle(workflowId)
      .executeUpdate(workItemCommandUpdate, { args: [{ actor: actorOf(who), command: cmd }] });

  it('reminds, then escalates step by step to the right people, the light going yellow then red; approval ends it', async () => {
    const { workflowId, handle } = start(8_000);
    await handle;
    const lights: string[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const item = await app
        .get(SupervisionRepository)
        .item((await outbox(workflowId))[0]?.itemId ?? '');
      const milestone = item?.milestones[0];
      if (item && milestone) {
        const light = milestoneLight(item.status as never, milestone, new Date().toISOString());
        if (lights.at(-1) !== light) lights.push(light);
      }
      if ((await outbox(workflowId)).some((row) => row.step === 'escalation2@v1')) break;
      await sleep(200);
    }
    expect(lights).toEqual(['green', 'yellow', 'red']);

    const rows = await outbox(workflowId);
    const byStep = (step: string) =>
      rows
        .filter((r) => r.step === step)
        .map((r) => [r.recipientId, r.recipientRole])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    const staff = person('staff', '养老服务科');
    const head = person('unit_head', '养老服务科');
    const leader = people.find((p) => p.chargeUnitIds.includes(unitId('养老服务科')));
    expect([...new Set(rows.map((r) => r.step))]).toEqual(['assign0', ...LADDER]);
    expect(byStep('reminder0@v1')).toEqual([[staff.id, 'responsible']]);
    expect(byStep('escalation0@v1')).toEqual([
      [staff.id, 'responsible'],
      [head.id, 'unit_head'],
    ]);
    expect(byStep('escalation1@v1')).toEqual([[leader?.id, 'leader']]);
    expect(byStep('escalation2@v1').map(([, role]) => role)).toEqual([
      'principal_leader',
      'supervisor',
    ]);
    expect(rows.find((r) => r.step === 'escalation2@v1')?.urgingNotice).toBe(true);

    // Refused commands change nothing, say why, and (refused by the validator) leave no trace.
    const before = await client.workflow.getHandle(workflowId).query(workItemStateQuery);
    const updateEvents = async () =>
      ((await client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).filter(
        (e) => e.workflowExecutionUpdateAcceptedEventAttributes,
      ).length;
    const acceptedBefore = await updateEvents();
    for (const who of [
      staff,
      people.find((p) => p.roles.includes('leader') && p.id !== leader?.id),
    ]) {
      const refused = await command(workflowId, who as PersonView, {
        type: 'approveMilestone',
        milestoneKey: 'final',
        comment: '',
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (refused as WorkflowUpdateFailedError).cause as {
        type?: string;
        message: string;
      };
      expect(cause.type).toBe(COMMAND_REFUSED);
      expect(cause.message).toMatch(/分管领导/);
    }
    expect(await updateEvents()).toBe(acceptedBefore);
    expect(await client.workflow.getHandle(workflowId).query(workItemStateQuery)).toEqual(before);

    await command(workflowId, staff, { type: 'acknowledge' });
    await command(workflowId, staff, {
      type: 'submitProgress',
      milestoneKey: 'final',
      text: '改造完成 500 户',
      progress: [{ target: 0, value: 500 }],
      evidence: [],
    });
    const approved = await command(workflowId, leader as PersonView, {
      type: 'approveMilestone',
      milestoneKey: 'final',
      comment: '同意',
    });
    expect(approved.milestones[0]?.status).toBe('approved');
    await sleep(1_000);
    const item = await reader.item(approved.itemId);
    expect(item?.milestones[0]?.status).toBe('approved');
    expect(
      milestoneLight(item?.status as never, item?.milestones[0] as never, new Date().toISOString()),
    ).toBe('grey');
    const timeline = await reader.timeline(workflowId);
    expect(timeline.map((e) => e.type)).toEqual([
      'stepFired',
      'stepFired',
      'stepFired',
      'stepFired',
      'stepFired',
      'acknowledge',
      'submitProgress',
      'approveMilestone',
    ]);
    expect(timeline.at(-1)).toMatchObject({ actorId: leader?.id, milestoneKey: 'final' });
    await record(client, workflowId, 'work-item-workflow.v1.json');
  });

  it('stops the ladder when progress is submitted before the deadline', async () => {
    const { workflowId, handle } = start(4_000);
    await handle;
    const staff = person('staff', '养老服务科');
    await command(workflowId, staff, { type: 'acknowledge' });
    await command(workflowId, staff, {
      type: 'submitProgress',
      milestoneKey: 'final',
      text: '提前完成',
      progress: [],
      evidence: [],
    });
    await sleep(9_000);
    const rows = await outbox(workflowId);
    expect(rows.filter((r) => r.kind === 'escalation')).toEqual([]);
    expect(rows.filter((r) => r.kind === 'approval_request').map((r) => r.recipientRole)).toEqual([
      'leader',
    ]);
  });

  it('loses no step and repeats none when the worker is killed in the middle of the ladder', async () => {
    // A worker in its own process, killed with SIGKILL: no graceful shutdown, activities cut off.
    await app.close();
    const spawnWorker = () =>
      startNodeProcess('worker', 'apps/worker/src/main.ts', { ...process.env }, () => undefined);
    const first = spawnWorker();
    try {
      // Due far enough ahead that a worker process slow to start on a busy machine is up before
      // its reminders: a reminder after the deadline is moot and never queued.
      const { workflowId, handle } = start(40_000);
      await handle;
      expect(
        await until(
          async () => (await outbox(workflowId)).some((r) => r.step === 'reminder1@v1'),
          60_000,
        ),
      ).toBe(true);
      first.child.kill('SIGKILL');
      await first.exited;
      // Down while the deadline passes and the first escalations come due.
      await sleep(9_000);
      const second = spawnWorker();
      try {
        await until(
          async () => (await outbox(workflowId)).some((r) => r.step === 'escalation2@v1'),
          60_000,
        );
      } finally {
        await second.stop();
      }
      const rows = await outbox(workflowId);
      const steps = rows.map((r) => `${r.step}/${r.recipientId}`);
      expect(new Set(steps).size).toBe(steps.length);
      expect([...new Set(rows.map((r) => r.step))]).toEqual(['assign0', ...LADDER]);
      const fired = (await reader.timeline(workflowId))
        .filter((e) => e.type === 'stepFired')
        .map((e) => e.detail['step']);
      expect(fired).toEqual(LADDER);
    } finally {
      // A no-op once it was killed; the in-process worker comes back for the tests after this one.
      first.child.kill('SIGKILL');
      app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), {
        logger: ['error'],
      });
      await app.init();
    }
  }, 300_000);

  it('starts each item once under its fixed id, however often the plan is started', async () => {
    const { handle, workflowId } = start(60_000);
    await handle;
    const item = await client.workflow.getHandle(workflowId).query(workItemStateQuery);
    const planId = randomUUID();
    const input = {
      planId,
      items: [1, 2].map((itemNo) => ({
        calendar: WEEKDAYS_ONLY,
        state: { ...item, planId, itemNo },
      })),
    };
    const startPlan = () =>
      client.workflow.start(PLAN_WORKFLOW_TYPE, {
        taskQueue: TaskQueue.supervision,
        workflowId: planWorkflowId(planId),
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    const first = await startPlan();
    const children = async () => {
      const ids: string[] = [];
      for await (const execution of client.workflow.list({
        query: `WorkflowType = '${WORK_ITEM_WORKFLOW_TYPE}'`,
      })) {
        if (execution.workflowId.startsWith(`item/${planId}/`)) ids.push(execution.workflowId);
      }
      return ids.sort();
    };
    expect(await until(async () => (await children()).length === 2)).toBe(true);
    expect((await startPlan()).firstExecutionRunId).toBe(first.firstExecutionRunId);
    await sleep(1_000);
    expect(await children()).toEqual([`item/${planId}/1`, `item/${planId}/2`]);
    await record(client, planWorkflowId(planId), 'plan-workflow.v1.json');
  });

  it('follows a newer policy set for the item from then on, skipping what it would have done before', async () => {
    // Working days: nothing would happen for months under the default policy.
    const { workflowId, handle } = start(30 * 86_400_000, DEFAULT_ESCALATION_POLICY);
    await handle;
    const supervisor = person('supervisor');
    const refused = await command(workflowId, supervisor, {
      type: 'setPolicy',
      policy: DEFAULT_ESCALATION_POLICY,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    const state = await client.workflow.getHandle(workflowId).query(workItemStateQuery);
    const updated = await command(workflowId, supervisor, {
      type: 'setPolicy',
      policy: { ...SECONDS_POLICY, version: 2 },
    });
    // Reminders 6 s and 3 s before a deadline 4 s away: the first is already past and skipped.
    await command(workflowId, supervisor, {
      type: 'setMilestones',
      milestones: [
        { key: 'final', title: '完成', dueAt: new Date(Date.now() + 4_000).toISOString() },
      ],
    });
    expect(updated.policy.version).toBe(2);
    expect(state.policy.version).toBe(1);
    expect(
      await until(
        async () => (await outbox(workflowId)).some((r) => r.step === 'escalation2@v2'),
        20_000,
      ),
    ).toBe(true);
    const steps = [...new Set((await outbox(workflowId)).map((r) => r.step))];
    expect(steps.filter((step) => step.includes('@'))).toEqual([
      'reminder1@v2',
      'escalation0@v2',
      'escalation1@v2',
      'escalation2@v2',
    ]);
  });

  it('continues as new before its history grows long, keeping its state and its ladder', async () => {
    const { workflowId, handle } = start(8_000, SECONDS_POLICY, 40);
    const first = await handle;
    expect(
      await until(
        async () => (await outbox(workflowId)).some((r) => r.step === 'escalation2@v1'),
        25_000,
      ),
    ).toBe(true);
    const described = await client.workflow.getHandle(workflowId).describe();
    expect(described.runId).not.toBe(first.firstExecutionRunId);
    const rows = await outbox(workflowId);
    const steps = rows.map((r) => `${r.step}/${r.recipientId}`);
    expect(new Set(steps).size).toBe(steps.length);
    const staff = person('staff', '养老服务科');
    const state = await command(workflowId, staff, { type: 'acknowledge' });
    expect(state.milestones[0]?.firedSteps).toEqual(LADDER);
    await sleep(500);
    const item = await reader.item(state.itemId);
    expect(item?.status).toBe('acknowledged');
    const timeline = await reader.timeline(workflowId);
    expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 2));
  });
});
