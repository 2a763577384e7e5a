import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { StoredPlan, StoredPlanItem } from '@duban/persistence';
import { SAMPLE_PLAN, startTestApi, type TestApi } from '../testing/test-api';

const OWN_UNIT = '养老服务科';
const OTHER_UNIT = '儿童福利科';
const CHINESE = /[\u3400-\u9fff]/;
/** Failed logins that lock an account in this test (LOGIN_MAX_FAILURES). */
const MAX_FAILURES = 2;
/** Logins and refreshes per address and minute in this test (LOGIN_RATE_LIMIT). */
const LOGIN_BUDGET = 12;

interface Raw {
  readonly status: number;
  readonly body: unknown;
}

/** What a bad request is, and what the README says it answers. */
interface BadRequest {
  readonly what: string;
  readonly send: () => Promise<Raw>;
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  /** Part of the zh-CN message, where the point is what it says. */
  readonly says?: RegExp;
}

/** Every 4xx and 5xx answer is `{statusCode, code, message (zh-CN), messageEn, field?}`. */
function expectOneShape(answer: Raw, bad: BadRequest): void {
  expect({ what: bad.what, status: answer.status }).toEqual({ what: bad.what, status: bad.status });
  const body = answer.body as Record<string, unknown>;
  expect(body).toMatchObject({
    statusCode: bad.status,
    code: bad.code,
    message: expect.stringMatching(CHINESE),
    messageEn: expect.stringMatching(/[a-z]/),
  });
  expect(body['messageEn']).not.toMatch(/[\u3400-\u9fff]{2}/);
  expect(body).not.toHaveProperty('error');
  if (bad.field === undefined) expect(body).not.toHaveProperty('field');
  else expect(body['field']).toBe(bad.field);
  if (bad.says) expect(body['message']).toMatch(bad.says);
}

describe('one error shape, with the documented status', () => {
  let api: TestApi;
  let plan: StoredPlan;
  let ownItem: StoredPlanItem;
  let otherItem: StoredPlanItem;
  const token = (role: 'admin' | 'supervisor' | 'auditor' | 'staff') =>
    api.tokenOf(api.person(role, role === 'staff' ? OWN_UNIT : undefined).username);

  /** A request exactly as given: raw bodies and headers, no JSON encoding on the way. */
  async function raw(
    method: string,
    route: string,
    init: { token?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Raw> {
    const response = await fetch(`${api.base}${route}`, {
      method,
      headers: {
        ...(init.token && { authorization: `Bearer ${init.token}` }),
        ...init.headers,
      },
      body: init.body,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    api = await startTestApi('duban_error_shape_api', {
      LOGIN_MAX_FAILURES: String(MAX_FAILURES),
      LOGIN_RATE_LIMIT: String(LOGIN_BUDGET),
    });
    plan = (
      await api.call<StoredPlan>('POST', '/plans/import', {
        token: await token('supervisor'),
        body: { text: fs.readFileSync(SAMPLE_PLAN, 'utf8') },
      })
    ).body;
    const ledBy = (name: string) =>
      plan.sections
        .flatMap((s) => s.items)
        .find((i) => i.responsibility.leadUnitId === api.unit(name).id) as StoredPlanItem;
    ownItem = ledBy(OWN_UNIT);
    otherItem = ledBy(OTHER_UNIT);
  });

  afterAll(async () => {
    await api?.close();
  });

  const BAD_REQUESTS: readonly BadRequest[] = [
    {
      what: 'a route that does not exist',
      send: async () => raw('GET', '/no-such-route', { token: await token('admin') }),
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      what: 'no token',
      send: () => raw('GET', '/units'),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      what: 'a forged token',
      send: () => raw('GET', '/units', { token: 'forged.token.value' }),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      what: 'a role without the permission',
      send: async () =>
        raw('POST', '/units', { token: await token('supervisor'), headers: json, body: '{}' }),
      status: 403,
      code: 'FORBIDDEN',
    },
    {
      what: "another unit's item",
      send: async () =>
        raw('GET', `/plans/${plan.id}/items/${otherItem.id}`, { token: await token('staff') }),
      status: 403,
      code: 'FORBIDDEN',
    },
    {
      what: "another unit's item list",
      send: async () =>
        raw('GET', `/units/${api.unit(OTHER_UNIT).id}/items`, { token: await token('staff') }),
      status: 403,
      code: 'FORBIDDEN',
    },
    {
      what: 'a field of the wrong type',
      send: async () =>
        raw('PATCH', `/plans/${plan.id}/items/${ownItem.id}`, {
          token: await token('supervisor'),
          headers: json,
          body: JSON.stringify({ title: 5 }),
        }),
      status: 400,
      code: 'INVALID_INPUT',
      field: 'title',
      says: /^字段 title 必须是字符串$/,
    },
    {
      what: 'a field that does not exist',
      send: async () =>
        raw('POST', '/auth/login', {
          headers: json,
          body: JSON.stringify({ username: 'x', password: 'y', actor: 'z' }),
        }),
      status: 400,
      code: 'INVALID_INPUT',
      field: 'actor',
      says: /actor/,
    },
    {
      what: 'a query parameter that does not exist',
      send: async () => raw('GET', '/audit?actorId=someone', { token: await token('auditor') }),
      status: 400,
      code: 'INVALID_INPUT',
      field: 'actorId',
    },
    {
      what: 'a query parameter out of range',
      send: async () => raw('GET', '/audit?limit=100000', { token: await token('auditor') }),
      status: 400,
      code: 'INVALID_INPUT',
      field: 'limit',
      says: /500/,
    },
    {
      what: 'a field in a nested object',
      send: async () =>
        raw('PUT', `/plans/${plan.id}/items/${ownItem.id}/targets`, {
          token: await token('supervisor'),
          headers: json,
          body: JSON.stringify({ targets: [{ quantity: 'many', unit: '户' }] }),
        }),
      status: 400,
      code: 'INVALID_INPUT',
      field: 'targets[0].quantity',
    },
    {
      what: 'a path parameter that is not a UUID',
      send: async () =>
        raw('GET', `/plans/${plan.id}/items/not-a-uuid`, { token: await token('admin') }),
      status: 400,
      code: 'INVALID_INPUT',
      field: 'itemId',
    },
    {
      what: 'a body with a __proto__ key',
      send: async () =>
        raw('POST', '/units', {
          token: await token('admin'),
          headers: json,
          body: '{"code":"proto","name":"原型","kind":"department","headId":null,"__proto__":{"admin":true}}',
        }),
      status: 400,
      code: 'INVALID_INPUT',
      field: '__proto__',
      says: /__proto__.*原型/,
    },
    {
      what: 'a body with a constructor.prototype key, nested',
      send: async () =>
        raw('PUT', `/plans/${plan.id}/items/${ownItem.id}/targets`, {
          token: await token('supervisor'),
          headers: json,
          body: '{"targets":[{"constructor":{"prototype":{"polluted":true}}}]}',
        }),
      status: 400,
      code: 'INVALID_INPUT',
      field: 'targets[0].constructor',
    },
    {
      what: 'a body that is not JSON',
      send: async () =>
        raw('POST', '/units', { token: await token('admin'), headers: json, body: '{"code":' }),
      status: 400,
      code: 'INVALID_INPUT',
      says: /JSON/,
    },
    {
      what: 'a content type the API does not take',
      send: async () =>
        raw('POST', '/units', {
          token: await token('admin'),
          headers: { 'content-type': 'application/xml' },
          body: '<unit/>',
        }),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      what: 'a body over 1 MB',
      send: async () =>
        raw('POST', '/units', {
          token: await token('admin'),
          headers: json,
          body: JSON.stringify({ name: 'x'.repeat(1_200_000) }),
        }),
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      says: /1 MB/,
    },
    {
      what: 'a route parameter of 5,000 characters',
      send: () => raw('GET', `/plans/${'a'.repeat(5000)}`),
      status: 414,
      code: 'URI_TOO_LONG',
    },
    {
      what: 'a unit that does not exist',
      send: async () => raw('GET', `/units/${randomUUID()}`, { token: await token('admin') }),
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      what: 'a unit code already taken',
      send: async () =>
        raw('POST', '/units', {
          token: await token('admin'),
          headers: json,
          body: JSON.stringify({
            code: api.unit(OWN_UNIT).code,
            name: '重复代码',
            kind: 'department',
            headId: null,
          }),
        }),
      status: 409,
      code: 'CONFLICT',
      field: 'code',
    },
    {
      what: 'a plan document without content',
      send: async () =>
        raw('POST', '/plans/import', {
          token: await token('supervisor'),
          headers: json,
          body: JSON.stringify({ text: '   ' }),
        }),
      status: 422,
      code: 'DOCUMENT_REJECTED',
    },
  ];

  it.each(BAD_REQUESTS.map((bad) => [bad.what, bad] as const))(
    'answers %s in the one shape',
    async (_what, bad) => {
      expectOneShape(await bad.send(), bad);
    },
  );

  it('accepts the audit filter `actor` as the README documents, by id or username', async () => {
    const admin = api.person('admin');
    const auditor = await token('auditor');
    const byId = await raw('GET', `/audit?actor=${admin.id}`, { token: auditor });
    const byName = await raw('GET', `/audit?actor=${admin.username}`, { token: auditor });
    expect(byId.status).toBe(200);
    expect((byId.body as unknown[]).length).toBeGreaterThan(0);
    expect(byName.body).toEqual(byId.body);
    const nobody = await raw('GET', `/audit?actor=${randomUUID()}`, { token: auditor });
    expect(nobody.body).toEqual([]);
  });

  it('answers a locked account with 423 in the one shape, keeping lockedUntil', async () => {
    const username = api.person('staff', OTHER_UNIT).username;
    const attempt = () =>
      raw('POST', '/auth/login', {
        headers: json,
        body: JSON.stringify({ username, password: 'Wrong-Passw0rd!' }),
      });
    for (let i = 0; i < MAX_FAILURES; i += 1) expect((await attempt()).status).toBe(401);
    const locked = await attempt();
    expectOneShape(locked, {
      what: 'a locked account',
      send: attempt,
      status: 423,
      code: 'LOCKED',
    });
    expect(locked.body).toHaveProperty('lockedUntil');
  });

  it('answers too many login attempts with 429 in the one shape', async () => {
    const refresh = () =>
      raw('POST', '/auth/refresh', {
        headers: json,
        body: JSON.stringify({ refreshToken: 'not-a-token' }),
      });
    let answer = await refresh();
    for (let i = 0; i < LOGIN_BUDGET && answer.status !== 429; i += 1) answer = await refresh();
    expectOneShape(answer, {
      what: 'too many attempts',
      send: refresh,
      status: 429,
      code: 'RATE_LIMITED',
    });
  });
});
