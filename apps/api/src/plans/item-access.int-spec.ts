import * as fs from 'node:fs';
import { AuditRepository, type StoredPlan, type StoredPlanItem } from '@duban/persistence';
import { SAMPLE_PLAN, startTestApi, type TestApi } from '../testing/test-api';

const OWN_UNIT = '养老服务科';
const OTHER_UNIT = '儿童福利科';

describe('item-level access', () => {
  let api: TestApi;
  let plan: StoredPlan;
  let ownItem: StoredPlanItem;
  let otherItem: StoredPlanItem;
  let staffToken: string;

  const itemsLedBy = (unitName: string) =>
    plan.sections
      .flatMap((s) => s.items)
      .filter((i) => i.responsibility.leadUnitId === api.unit(unitName).id);

  beforeAll(async () => {
    api = await startTestApi('duban_item_access_api');
    const imported = await api.call<StoredPlan>('POST', '/plans/import', {
      token: await api.tokenOf(api.person('supervisor').username),
      body: { text: fs.readFileSync(SAMPLE_PLAN, 'utf8') },
    });
    plan = imported.body;
    [ownItem] = itemsLedBy(OWN_UNIT) as [StoredPlanItem];
    [otherItem] = itemsLedBy(OTHER_UNIT) as [StoredPlanItem];
    staffToken = await api.tokenOf(api.person('staff', OWN_UNIT).username);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('makes the suggested unit of an imported item its lead unit', () => {
    expect(ownItem.suggestedUnit).toBe(OWN_UNIT);
    expect(otherItem.suggestedUnit).toBe(OTHER_UNIT);
  });

  it(`lets staff of ${OWN_UNIT} read their unit's item`, async () => {
    const answer = await api.call('GET', `/plans/${plan.id}/items/${ownItem.id}`, {
      token: staffToken,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: ownItem.id, title: ownItem.title });
  });

  it(`refuses staff of ${OWN_UNIT} an item of ${OTHER_UNIT} with 403, and records the refusal`, async () => {
    const answer = await api.call('GET', `/plans/${plan.id}/items/${otherItem.id}`, {
      token: staffToken,
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'FORBIDDEN', message: '该事项不属于您所在单位' });
    const trail = await api.app.get(AuditRepository).list({ limit: 1000, outcome: 'refused' });
    expect(trail.at(-1)).toMatchObject({
      action: 'item.read',
      outcome: 'refused',
      actorId: api.person('staff', OWN_UNIT).id,
      actorUnitId: api.unit(OWN_UNIT).id,
      targetType: 'item',
      targetId: otherItem.id,
    });
  });

  it(`refuses staff of ${OWN_UNIT} any change to the item (403), and changes nothing`, async () => {
    const before = await api.call<StoredPlan>('GET', `/plans/${plan.id}`, {
      token: await api.tokenOf(api.person('supervisor').username),
    });
    for (const [method, route, body] of [
      ['PATCH', `/plans/${plan.id}/items/${otherItem.id}`, { title: '改' }],
      ['PUT', `/plans/${plan.id}/items/${otherItem.id}/targets`, { targets: [] }],
      [
        'PUT',
        `/plans/${plan.id}/items/${otherItem.id}/responsibility`,
        { leadUnitId: api.unit(OWN_UNIT).id, coUnitIds: [], leaderId: null },
      ],
    ] as const) {
      expect((await api.call(method, route, { token: staffToken, body })).status).toBe(403);
    }
    const after = await api.call<StoredPlan>('GET', `/plans/${plan.id}`, {
      token: await api.tokenOf(api.person('supervisor').username),
    });
    expect(after.body).toEqual(before.body);
  });

  it('shows staff only the items their unit leads or co-handles in the plan', async () => {
    const answer = await api.call<StoredPlan>('GET', `/plans/${plan.id}`, { token: staffToken });
    const visible = answer.body.sections.flatMap((s) => s.items).map((i) => i.id);
    expect(visible).toEqual(itemsLedBy(OWN_UNIT).map((i) => i.id));
    expect(visible).not.toContain(otherItem.id);
  });

  it('lets a co-unit read the item once the supervisor names it', async () => {
    const supervisor = await api.tokenOf(api.person('supervisor').username);
    const assigned = await api.call(
      'PUT',
      `/plans/${plan.id}/items/${otherItem.id}/responsibility`,
      {
        token: supervisor,
        body: {
          leadUnitId: api.unit(OTHER_UNIT).id,
          coUnitIds: [api.unit(OWN_UNIT).id],
          leaderId: null,
        },
      },
    );
    expect(assigned.status).toBe(200);
    const answer = await api.call('GET', `/plans/${plan.id}/items/${otherItem.id}`, {
      token: staffToken,
    });
    expect(answer.status).toBe(200);
  });

  it('rejects a responsibility naming an unknown unit, a lead unit among co-units, or a non-leader', async () => {
    const supervisor = await api.tokenOf(api.person('supervisor').username);
    const route = `/plans/${plan.id}/items/${ownItem.id}/responsibility`;
    const lead = api.unit(OWN_UNIT).id;
    for (const [body, field] of [
      [
        { leadUnitId: '00000000-0000-4000-8000-000000000000', coUnitIds: [], leaderId: null },
        'leadUnitId',
      ],
      [{ leadUnitId: lead, coUnitIds: [lead], leaderId: null }, 'coUnitIds'],
      [{ leadUnitId: lead, coUnitIds: [], leaderId: api.person('staff').id }, 'leaderId'],
    ] as const) {
      const answer = await api.call('PUT', route, { token: supervisor, body });
      expect(answer.status).toBe(400);
      expect(answer.body['field']).toBe(field);
    }
  });

  it('takes the responsible person on a draft, who must work in the lead unit or a co-unit', async () => {
    const supervisor = await api.tokenOf(api.person('supervisor').username);
    const route = `/plans/${plan.id}/items/${ownItem.id}/responsibility`;
    const lead = api.unit(OWN_UNIT).id;
    const outsider = await api.call('PUT', route, {
      token: supervisor,
      body: {
        leadUnitId: lead,
        coUnitIds: [],
        leaderId: null,
        responsibleId: api.person('staff', OTHER_UNIT).id,
      },
    });
    expect(outsider.status).toBe(400);
    expect(outsider.body['field']).toBe('responsibleId');
    const staff = api.person('staff', OWN_UNIT);
    const answer = await api.call<StoredPlan>('PUT', route, {
      token: supervisor,
      body: { leadUnitId: lead, coUnitIds: [], leaderId: null, responsibleId: staff.id },
    });
    expect(answer.status).toBe(200);
    const stored = answer.body.sections.flatMap((s) => s.items).find((i) => i.id === ownItem.id);
    expect(stored?.responsibility).toEqual({
      leadUnitId: lead,
      coUnitIds: [],
      leaderId: null,
      responsibleId: staff.id,
    });
  });
});
