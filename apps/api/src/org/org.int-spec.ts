import * as fs from 'node:fs';
import { parse } from 'yaml';
import type { PersonView, UnitView } from '@duban/persistence';
import { SAMPLE_ORG, startTestApi, type TestApi } from '../testing/test-api';

describe('organisation API', () => {
  let api: TestApi;
  let admin: string;

  const person = (overrides: Record<string, unknown> = {}) => ({
    username: 'newcomer',
    name: '新同事',
    unitId: api.unit('养老服务科').id,
    email: 'newcomer@mz.example.gov.cn',
    mobile: '13900001111',
    roles: ['staff'],
    chargeUnitIds: [],
    locale: 'zh-CN',
    active: true,
    ...overrides,
  });

  beforeAll(async () => {
    api = await startTestApi('duban_org_api');
    admin = await api.tokenOf(api.person('admin').username);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('imports the organisation file again without changes, and names the field of a bad one', async () => {
    const data = parse(fs.readFileSync(SAMPLE_ORG, 'utf8')) as { people: { email: string }[] };
    const again = await api.call('POST', '/org/import', { token: admin, body: data });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({
      units: { created: 0, updated: 0 },
      people: { created: 0, updated: 0 },
    });
    data.people[2] = { ...data.people[2], email: 'nope' } as { email: string };
    const bad = await api.call('POST', '/org/import', { token: admin, body: data });
    expect(bad.status).toBe(400);
    expect(bad.body['field']).toBe('people[2].email');
  });

  it('creates a unit, refuses a second with the same code (409), and deletes only an empty unit', async () => {
    const body = { code: 'new-unit', name: '新设科室', kind: 'department', headId: null };
    const created = await api.call<UnitView>('POST', '/units', { token: admin, body });
    expect(created.status).toBe(201);
    expect(
      (await api.call('POST', '/units', { token: admin, body: { ...body, name: '另一个' } }))
        .status,
    ).toBe(409);
    const occupied = await api.call('DELETE', `/units/${api.unit('养老服务科').id}`, {
      token: admin,
    });
    expect(occupied.status).toBe(409);
    expect((await api.call('DELETE', `/units/${created.body.id}`, { token: admin })).status).toBe(
      204,
    );
    expect((await api.call('GET', `/units/${created.body.id}`, { token: admin })).status).toBe(404);
  });

  it('refuses a unit head from another unit', async () => {
    const unit = api.unit('儿童福利科');
    const answer = await api.call('PUT', `/units/${unit.id}`, {
      token: admin,
      body: {
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        headId: api.person('staff', '养老服务科').id,
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.body['field']).toBe('headId');
  });

  it('creates a person who can log in, and never answers a password hash', async () => {
    const weak = await api.call('POST', '/people', {
      token: admin,
      body: { ...person(), password: 'weak' },
    });
    expect(weak.status).toBe(400);
    const created = await api.call<PersonView>('POST', '/people', {
      token: admin,
      body: { ...person(), password: 'Welcome-2024!' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'newcomer', canLogin: true, roles: ['staff'] });
    expect(JSON.stringify(await api.call('GET', '/people', { token: admin }))).not.toMatch(
      /argon2|passwordHash/,
    );
    const login = await api.call('POST', '/auth/login', {
      body: { username: 'newcomer', password: 'Welcome-2024!' },
    });
    expect(login.status).toBe(200);
  });

  it('ends every session of a person who is deactivated', async () => {
    const login = await api.call<{ accessToken: string; user: PersonView }>('POST', '/auth/login', {
      body: { username: 'newcomer', password: 'Welcome-2024!' },
    });
    const token = login.body.accessToken;
    expect((await api.call('GET', '/auth/me', { token })).status).toBe(200);
    const updated = await api.call('PUT', `/people/${login.body.user.id}`, {
      token: admin,
      body: person({ active: false }),
    });
    expect(updated.status).toBe(200);
    expect((await api.call('GET', '/auth/me', { token })).status).toBe(401);
    const again = await api.call('POST', '/auth/login', {
      body: { username: 'newcomer', password: 'Welcome-2024!' },
    });
    expect(again.status).toBe(401);
  });

  it('records organisation changes with before and after', async () => {
    const trail = await api.call<{ action: string; before: string | null; after: string | null }[]>(
      'GET',
      '/audit?targetType=person&action=person.update',
      { token: admin },
    );
    const last = trail.body.at(-1);
    expect(JSON.parse(last?.before ?? '{}')).toMatchObject({ active: true });
    expect(JSON.parse(last?.after ?? '{}')).toMatchObject({ active: false });
  });
});
