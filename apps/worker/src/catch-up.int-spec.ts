import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { TaskQueue, WORK_ITEM_WORKFLOW_TYPE, workItemWorkflowId } from '@duban/contracts';
import {
  AuditRepository,
  NotificationRepository,
  SupervisionRepository,
  importSampleOrganisation,
  migrateDatabase,
  type PersonView,
} from '@duban/persistence';
import { LADDER, record, until, workItemInput } from './testing/worker-test-kit';
import { WorkerModule } from './worker.module';

const LEAD = '养老服务科';

/**
 * A work item whose deadline passed long before its workflow got to it (a plan confirmed late,
 * an outage): its late steps are caught up at once, each person told once.
 */
describe('catching up late ladder steps (Temporal dev server, MariaDB)', () => {
  let app: INestApplicationContext;
  let connection: Connection;
  let client: Client;
  let outbox: NotificationRepository;
  let reader: SupervisionRepository;
  let people: PersonView[];
  let unitId: (name: string) => string;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { logger: ['error'] });
    const dataSource = app.get(DataSource);
    await migrateDatabase(dataSource, () => undefined);
    await app.init();
    ({ people, unitId } = await importSampleOrganisation(dataSource));
    outbox = new NotificationRepository(dataSource, new AuditRepository(dataSource));
    reader = new SupervisionRepository(dataSource);
    connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS'] });
    client = new Client({ connection, namespace: process.env['TEMPORAL_NAMESPACE'] });
  });

  afterAll(async () => {
    await connection?.close();
    await app?.close();
  });

  it('records every late step in one timeline entry and tells each person once, as a catch-up', async () => {
    const staff = people.find((p) => p.roles.includes('staff') && p.unitId === unitId(LEAD));
    if (!staff) throw new Error(`no staff in ${LEAD}`);
    // Due two hours ago: the whole ladder (seconds around the deadline) is more than an hour late.
    const input = workItemInput({ leadUnitId: unitId(LEAD), responsibleId: staff.id }, -7_200_000);
    const workflowId = workItemWorkflowId(input.state.planId, input.state.itemNo);
    await client.workflow.start(WORK_ITEM_WORKFLOW_TYPE, {
      taskQueue: TaskQueue.supervision,
      workflowId,
      args: [input],
    });
    const stepEvents = async () =>
      (await reader.timeline(workflowId)).filter((e) => e.type === 'stepFired');
    expect(await until(async () => (await stepEvents()).length > 0, 30_000)).toBe(true);
    const ladderRows = async () =>
      (await outbox.list({ workflowId })).filter(
        (r) => r.channel === 'email' && r.step !== 'assign0',
      );
    expect(await until(async () => (await ladderRows()).length > 0, 30_000)).toBe(true);

    const events = await stepEvents();
    expect(events).toHaveLength(1);
    expect(events[0]?.detail).toMatchObject({ step: LADDER.at(-1), caughtUp: LADDER });
    const rows = await ladderRows();
    // One notice, the last step's, to everyone the late escalations named, each person once.
    expect(new Set(rows.map((r) => r.step))).toEqual(new Set([LADDER.at(-1)]));
    const recipients = rows.map((r) => r.recipientId);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(new Set(rows.map((r) => r.recipientRole))).toEqual(
      new Set(['responsible', 'unit_head', 'leader', 'principal_leader', 'supervisor']),
    );
    // Held to leave combined with the person's other catch-ups of the day, not on its own.
    expect(rows.every((r) => r.bundleKey?.startsWith('catch_up/') || r.status === 'held')).toBe(
      true,
    );
    await record(client, workflowId, 'work-item-workflow.v2.json');
  });
});
