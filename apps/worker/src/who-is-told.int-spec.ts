import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import {
  TaskQueue,
  WORK_ITEM_WORKFLOW_TYPE,
  workItemCommandUpdate,
  workItemWorkflowId,
} from '@duban/contracts';
import { actorOf, type WorkItemCommand } from '@duban/domain';
import {
  AuditRepository,
  NotificationRepository,
  importSampleOrganisation,
  migrateDatabase,
  type PersonView,
  type UnitView,
} from '@duban/persistence';
import { personIn, record, until, workItemInput } from './testing/worker-test-kit';
import { WorkerModule } from './worker.module';

const LEAD = '养老服务科';
const CO = '儿童福利科';

/** Who each command's notice reaches, on a real Temporal dev server and MariaDB. */
describe('who is told of a command', () => {
  let app: INestApplicationContext;
  let connection: Connection;
  let client: Client;
  let outbox: NotificationRepository;
  let people: PersonView[];
  let units: UnitView[];
  let unitId: (name: string) => string;

  const person = (role: string, unitName: string) => personIn({ people, unitId }, role, unitName);
  const headOf = (unitName: string) => units.find((u) => u.id === unitId(unitName))?.headId;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { logger: ['error'] });
    const dataSource = app.get(DataSource);
    await migrateDatabase(dataSource, () => undefined);
    await app.init();
    ({ people, units, unitId } = await importSampleOrganisation(dataSource));
    outbox = new NotificationRepository(dataSource, new AuditRepository(dataSource));
    connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS'] });
    client = new Client({ connection, namespace: process.env['TEMPORAL_NAMESPACE'] });
  });

  afterAll(async () => {
    await connection?.close();
    await app?.close();
  });

  it('tells co-units of the assignment, the submitter of the decision, and the leader of completion', async () => {
    const responsible = person('staff', LEAD);
    const coStaff = person('staff', CO);
    const leader = people.find(
      (p) => p.roles.includes('leader') && p.chargeUnitIds.includes(unitId(LEAD)),
    );
    if (!leader) throw new Error(`no leader in charge of ${LEAD}`);
    const base = workItemInput(
      { leadUnitId: unitId(LEAD), responsibleId: responsible.id },
      3_600_000,
    );
    const input = {
      ...base,
      state: {
        ...base.state,
        responsibility: { ...base.state.responsibility, coUnitIds: [unitId(CO)] },
      },
    };
    const workflowId = workItemWorkflowId(input.state.planId, input.state.itemNo);
    await client.workflow.start(WORK_ITEM_WORKFLOW_TYPE, {
      taskQueue: TaskQueue.supervision,
      workflowId,
      args: [input],
    });
    const send = (who: PersonView, command: WorkItemCommand) =>
      client.workflow
        .getHandle(workflowId)
        .executeUpdate(workItemCommandUpdate, { args: [{ actor: actorOf(who), command }] });
    const submit = () =>
      send(coStaff, {
        type: 'submitProgress',
        milestoneKey: 'final',
        text: '已完成改造320户',
        progress: [],
        evidence: [],
      });
    await send(responsible, { type: 'acknowledge' });
    await submit();
    await send(leader, { type: 'returnMilestone', milestoneKey: 'final', comment: '请补充验收单' });
    await submit();
    await send(leader, { type: 'approveMilestone', milestoneKey: 'final', comment: '同意' });
    await send(leader, { type: 'complete' });

    const toldOf = async (kind: string) =>
      (await outbox.list({ workflowId }))
        .filter((r) => r.kind === kind && r.channel === 'email')
        .map((r) => r.recipientId)
        .sort();
    // Each notice is queued by its own activity, retried until it is: wait for the last of them.
    const all = async () =>
      (await Promise.all(['assignment', 'returned', 'approved', 'completed'].map(toldOf))).every(
        (told) => told.length > 0,
      );
    expect(await until(all, 60_000)).toBe(true);
    expect(await toldOf('assignment')).toEqual([responsible.id, headOf(LEAD), headOf(CO)].sort());
    // The co-unit's staff submitted: they hear of the decision, and so does the responsible person.
    expect(await toldOf('returned')).toEqual([coStaff.id, responsible.id].sort());
    expect(await toldOf('approved')).toEqual([coStaff.id, responsible.id].sort());
    expect(await toldOf('completed')).toEqual(
      [leader.id, responsible.id, headOf(LEAD), headOf(CO)].sort(),
    );
    await record(client, workflowId, 'work-item-workflow.v3.json');
  });
});
