import type { Role } from '@duban/domain';
import type { PersonView } from '@duban/persistence';
import { startTestApi, type TestApi } from '../testing/test-api';

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
});
