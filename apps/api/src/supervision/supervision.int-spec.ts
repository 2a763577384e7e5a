import * as fs from 'node:fs';
import { AuditRepository, type StoredPlan, type StoredPlanItem } from '@duban/persistence';
import { SAMPLE_PLAN, startTestApi, type Answer, type TestApi } from '../testing/test-api';
import { createTestNamespace, startTestWorker, type TestWorker } from '../testing/test-worker';
import type { SupervisedItem } from './supervision.service';

const OWN_UNIT = '养老服务科';
const CO_UNIT = '儿童福利科';
/** The sample plan moved to a year still ahead, so confirming it raises no overdue notices. */
const YEAR = 2027;

interface Refusal {
  readonly field: string;
  readonly message: string;
  readonly messageEn: string;
}

/**
 * The supervision routes over real HTTP, with a worker running the item workflows on the test
 * run's Temporal dev server (a namespace of this file's own) and MariaDB.
 */
describe('supervision API', () => {
  let api: TestApi;
  let worker: TestWorker;
  let plan: StoredPlan;
  let item: StoredPlanItem;

  const as = async (role: 'supervisor' | 'staff', unitName?: string) =>
    api.tokenOf(api.person(role, unitName).username);
  const command = async <T = Refusal>(
    role: 'supervisor' | 'staff',
    body: Record<string, unknown>,
  ): Promise<Answer<T>> =>
    api.call<T>('POST', `/plans/${plan.id}/items/${item.id}/commands`, {
      body,
      token: await as(role, role === 'staff' ? OWN_UNIT : undefined),
    });
  const view = async () =>
    api.call<SupervisedItem>('GET', `/plans/${plan.id}/items/${item.id}/supervision`, {
      token: await as('supervisor'),
    });
  async function until(done: (answer: Answer<SupervisedItem>) => boolean) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answer = await view();
      if (done(answer)) return answer.body;
      if (Date.now() > deadline) throw new Error(`gave up waiting: ${JSON.stringify(answer)}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  const leader = () => api.person('leader');

  beforeAll(async () => {
    const namespace = await createTestNamespace();
    api = await startTestApi('duban_supervision_api', { TEMPORAL_NAMESPACE: namespace });
    worker = await startTestWorker(api);
    const text = fs.readFileSync(SAMPLE_PLAN, 'utf8').replace(/2024/g, String(YEAR));
    const token = await as('supervisor');
    plan = (await api.call<StoredPlan>('POST', '/plans/import', { body: { text }, token })).body;
    const confirmed = await api.call('POST', `/plans/${plan.id}/confirm`, { token });
    expect(confirmed.status).toBe(200);
    const found = plan.sections
      .flatMap((section) => section.items)
      .find(
        (i) => i.responsibility.leadUnitId === api.unit(OWN_UNIT).id && i.due.endsWith('12-31'),
      );
    if (!found) throw new Error(`the sample plan has no item of ${OWN_UNIT} due at the year's end`);
    item = found;
    await until((answer) => answer.status === 200);
    const assigned = await command('supervisor', {
      type: 'assign',
      leadUnitId: api.unit(OWN_UNIT).id,
      coUnitIds: [api.unit(CO_UNIT).id],
      leaderId: leader().id,
      responsibleId: api.person('staff', OWN_UNIT).id,
    });
    expect(assigned.status).toBe(200);
    await until((answer) => answer.body.responsibleId !== null);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  describe('names behind the ids', () => {
    const expectNamed = (found: SupervisedItem | undefined) =>
      expect(found).toMatchObject({
        leadUnitName: OWN_UNIT,
        coUnits: [{ id: api.unit(CO_UNIT).id, name: CO_UNIT }],
        leaderName: leader().name,
        responsibleName: api.person('staff', OWN_UNIT).name,
      });

    it('lists a plan’s items with the names of their units, leader and responsible person', async () => {
      const list = await api.call<SupervisedItem[]>('GET', `/plans/${plan.id}/supervision`, {
        token: await as('supervisor'),
      });
      expect(list.status).toBe(200);
      expectNamed(list.body.find((i) => i.itemId === item.id));
      const other = list.body.find((i) => i.itemId !== item.id && i.leadUnitId !== null);
      expect(other).toMatchObject({ leaderName: null, responsibleName: null });
      expect(other?.leadUnitName).toBe(
        (await api.call('GET', `/units/${other?.leadUnitId}`, { token: await as('supervisor') }))
          .body['name'],
      );
    });

    it('names them in an item’s view and in a unit’s list too', async () => {
      expectNamed((await view()).body);
      const unitItems = await api.call<SupervisedItem[]>(
        'GET',
        `/units/${api.unit(CO_UNIT).id}/items`,
        { token: await as('supervisor') },
      );
      expectNamed(unitItems.body.find((i) => i.itemId === item.id));
    });
  });

  describe('refused milestone input', () => {
    const milestones = async () =>
      (await view()).body.milestones.map((m) => ({ key: m.key, dueAt: m.dueAt, ext: m.extension }));
    let before: Awaited<ReturnType<typeof milestones>>;

    beforeEach(async () => {
      before = await milestones();
      expect(before.map((m) => m.key)).toEqual(['q1', 'q2', 'q3', 'final']);
    });

    afterEach(async () => {
      expect(await milestones()).toEqual(before);
    });

    it('answers 400 naming the key to a 10,000-character milestone key', async () => {
      const answer = await command('supervisor', {
        type: 'setMilestones',
        milestones: [{ key: 'k'.repeat(10_000), title: '完成', dueAt: `${YEAR}-12-31T16:00:00Z` }],
      });
      expect(answer).toMatchObject({
        status: 400,
        body: { field: 'milestones[0].key', message: expect.stringMatching(/小写字母/) },
      });
      expect(answer.body.messageEn).toMatch(/lower-case/);
      expect(JSON.stringify(answer.body).length).toBeLessThan(1000);
    });

    it('answers 400 naming the due date to milestones due after the plan year’s grace', async () => {
      const answer = await command('supervisor', {
        type: 'setMilestones',
        milestones: [{ key: 'final', title: '完成', dueAt: `${YEAR + 1}-04-01T16:00:00Z` }],
      });
      expect(answer).toMatchObject({
        status: 400,
        body: {
          field: 'milestones[0].dueAt',
          message: expect.stringContaining(`${YEAR}-01-01 至 ${YEAR + 1}-03-31`),
        },
      });
      expect(answer.body.messageEn).toMatch(/plan year/);
    });

    it('answers 400 naming the due date to an extension to 9999-12-31', async () => {
      const answer = await command('staff', {
        type: 'requestExtension',
        milestoneKey: 'final',
        dueAt: '9999-12-31T00:00:00Z',
        reason: '资金未到位',
      });
      expect(answer).toMatchObject({
        status: 400,
        body: { field: 'dueAt', message: expect.stringContaining(`${YEAR + 1}-03-31`) },
      });
      expect(answer.body.messageEn).toMatch(/grace/);
    });

    it('answers 400 naming the due date to an extension of q3 past the final milestone', async () => {
      const answer = await command('staff', {
        type: 'requestExtension',
        milestoneKey: 'q3',
        dueAt: `${YEAR + 1}-01-15T16:00:00Z`,
        reason: '资金未到位',
      });
      expect(answer).toMatchObject({
        status: 400,
        body: { field: 'dueAt', message: expect.stringMatching(/最终截止时间/) },
      });
      expect(answer.body.messageEn).toMatch(/final milestone/);
    });
  });

  it('answers 409 in the one error shape to a milestone submitted twice, and audits the refusal', async () => {
    expect((await command('staff', { type: 'acknowledge' })).status).toBe(200);
    const submit = {
      type: 'submitProgress',
      milestoneKey: 'q1',
      text: '已完成',
      progress: [],
      evidence: [],
    };
    expect((await command('staff', submit)).status).toBe(200);
    const again = await command<Refusal & { code: string }>('staff', submit);
    expect(again).toMatchObject({
      status: 409,
      body: { code: 'CONFLICT', message: expect.stringMatching(/当前不能报送/) },
    });
    expect(again.body.messageEn).toBe('milestone q1 cannot be submitted now (submitted)');
    const [refusal] = await api.app
      .get(AuditRepository)
      .list({ limit: 1, outcome: 'refused', action: 'item.submitProgress', targetId: item.id });
    expect(refusal).toMatchObject({ actorId: api.person('staff', OWN_UNIT).id });
  });
});
