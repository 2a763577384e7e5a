import * as fs from 'node:fs';
import type { Role } from '@duban/domain';
import { AuditRepository, type PersonView, type StoredPlan } from '@duban/persistence';
import { SAMPLE_PLAN, startTestApi, type TestApi } from '../testing/test-api';

const OWN_UNIT = '养老服务科';
const OTHER_UNIT = '儿童福利科';

type Listed = Pick<PersonView, 'id' | 'name' | 'unitId'> & Partial<PersonView>;

describe('privacy of people and of units’ work', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi('duban_privacy_api');
  });

  afterAll(async () => {
    await api?.close();
  });

  async function peopleAs(role: Role, unitName?: string): Promise<Listed[]> {
    const token = await api.tokenOf(api.person(role, unitName).username);
    const answer = await api.call<Listed[]>('GET', '/people', { token });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  /** Whose e-mail and mobile a list shows, as usernames. */
  const withContacts = (people: readonly Listed[]) =>
    people.filter((p) => 'email' in p || 'mobile' in p).map((p) => p.username);

  it.each(['admin', 'supervisor'] as const)(
    'shows %s every person’s e-mail and mobile',
    async (role) => {
      const people = await peopleAs(role);
      expect(people.length).toBeGreaterThan(10);
      expect(withContacts(people)).toHaveLength(people.length);
      expect(people.find((p) => p.id === api.person('staff', OWN_UNIT).id)).toMatchObject({
        email: expect.stringContaining('@'),
        mobile: expect.any(String),
      });
    },
  );

  it.each([
    ['staff', OWN_UNIT],
    ['leader', undefined],
    ['principal_leader', undefined],
    ['auditor', undefined],
  ] as const)(
    'shows %s names and units of everyone, but no one’s e-mail or mobile except their own',
    async (role, unitName) => {
      const me = api.person(role, unitName);
      const people = await peopleAs(role, unitName);
      expect(people.length).toBeGreaterThan(10);
      expect(withContacts(people)).toEqual([me.username]);
      for (const person of people) {
        expect(person).toMatchObject({ name: expect.any(String), unitId: person.unitId });
      }
    },
  );

  it(`shows the head of ${OWN_UNIT} the contact details of its own people only`, async () => {
    const people = await peopleAs('unit_head', OWN_UNIT);
    const ownUnitId = api.unit(OWN_UNIT).id;
    const ownPeople = people.filter((p) => p.unitId === ownUnitId).map((p) => p.username);
    expect(ownPeople.length).toBeGreaterThan(1);
    expect(withContacts(people).sort()).toEqual(ownPeople.sort());
  });

  it('applies the same rule to one person read by id', async () => {
    const other = api.person('staff', OTHER_UNIT);
    const route = `/people/${other.id}`;
    const asStaff = await api.call<Listed>('GET', route, {
      token: await api.tokenOf(api.person('staff', OWN_UNIT).username),
    });
    expect(asStaff.status).toBe(200);
    expect(asStaff.body).toMatchObject({ id: other.id, name: other.name, unitId: other.unitId });
    expect(asStaff.body).not.toHaveProperty('email');
    expect(asStaff.body).not.toHaveProperty('mobile');
    const asHead = await api.call<Listed>('GET', route, {
      token: await api.tokenOf(api.person('unit_head', OTHER_UNIT).username),
    });
    expect(asHead.body).toMatchObject({ email: other.email, mobile: other.mobile });
  });

  it('documents e-mail and mobile as optional in the OpenAPI schema of a person', async () => {
    const document = await api.call<{
      components: { schemas: Record<string, { required?: string[]; properties: object }> };
    }>('GET', '/docs-json');
    const schema = document.body.components.schemas['PersonViewDto'];
    expect(schema?.properties).toHaveProperty('email');
    expect(schema?.properties).toHaveProperty('mobile');
    expect(schema?.required).toEqual(expect.arrayContaining(['id', 'name', 'unitId']));
    expect(schema?.required).not.toContain('email');
    expect(schema?.required).not.toContain('mobile');
  });

  it(`refuses staff of ${OWN_UNIT} the item list of ${OTHER_UNIT} as it refuses one of its items, and records it`, async () => {
    const staff = api.person('staff', OWN_UNIT);
    const token = await api.tokenOf(staff.username);
    const plan = (
      await api.call<StoredPlan>('POST', '/plans/import', {
        token: await api.tokenOf(api.person('supervisor').username),
        body: { text: fs.readFileSync(SAMPLE_PLAN, 'utf8') },
      })
    ).body;
    const otherItem = plan.sections
      .flatMap((s) => s.items)
      .find((i) => i.responsibility.leadUnitId === api.unit(OTHER_UNIT).id);
    const itemAnswer = await api.call('GET', `/plans/${plan.id}/items/${otherItem?.id}`, { token });
    expect(itemAnswer.status).toBe(403);

    const otherUnitId = api.unit(OTHER_UNIT).id;
    const listAnswer = await api.call('GET', `/units/${otherUnitId}/items`, { token });
    expect(listAnswer.status).toBe(403);
    expect(listAnswer.body).toEqual(itemAnswer.body);
    const [refusal] = await api.app
      .get(AuditRepository)
      .list({ limit: 1, outcome: 'refused', targetId: otherUnitId });
    expect(refusal).toMatchObject({
      action: 'supervision.unit-items',
      actorId: staff.id,
      targetType: 'unit',
      reason: 'the item does not belong to your unit',
    });

    const own = await api.call('GET', `/units/${api.unit(OWN_UNIT).id}/items`, { token });
    expect(own.status).toBe(200);
  });
});
