import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@duban/domain';
import type { StoredPlan } from '@duban/persistence';
import { SAMPLE_PLAN, TEST_PASSWORD, startTestApi, type TestApi } from '../testing/test-api';

type Who = Role | 'anonymous';
const EVERYONE: readonly Who[] = [...ROLES, 'anonymous'];
const SIGNED_IN: readonly Role[] = ROLES;
const READERS: readonly Role[] = ROLES;

/**
 * Who may call each route, written out by hand: the specification the guard is checked
 * against. A route in the OpenAPI document without a line here fails the test.
 */
const MATRIX: Readonly<Record<string, readonly Who[]>> = {
  'GET /api/health': EVERYONE,
  'POST /api/auth/login': EVERYONE,
  'POST /api/auth/refresh': EVERYONE,
  'POST /api/auth/logout': SIGNED_IN,
  'GET /api/auth/me': SIGNED_IN,
  'POST /api/auth/password': SIGNED_IN,
  'PUT /api/auth/me/delivery': SIGNED_IN,
  'POST /api/diagnostics': ['admin'],
  'GET /api/diagnostics/{requestId}': ['admin'],
  'POST /api/plans/import': ['supervisor'],
  'GET /api/plans': READERS,
  'GET /api/plans/{id}': READERS,
  'GET /api/plans/{id}/items/{itemId}': READERS,
  'PUT /api/plans/{id}/items/{itemId}/responsibility': ['supervisor'],
  'PUT /api/plans/{id}/escalation-policy': ['supervisor'],
  'PATCH /api/plans/{id}/sections/{sectionNo}': ['supervisor'],
  'PATCH /api/plans/{id}/items/{itemId}': ['supervisor'],
  'PUT /api/plans/{id}/items/{itemId}/targets': ['supervisor'],
  'POST /api/plans/{id}/confirm': ['supervisor'],
  'GET /api/plans/{id}/confirm-preview': ['supervisor'],
  'GET /api/units': READERS,
  'GET /api/units/{id}': READERS,
  'POST /api/units': ['admin'],
  'PUT /api/units/{id}': ['admin'],
  'DELETE /api/units/{id}': ['admin'],
  'GET /api/people': READERS,
  'GET /api/people/{id}': READERS,
  'POST /api/people': ['admin'],
  'PUT /api/people/{id}': ['admin'],
  'POST /api/people/{id}/password': ['admin'],
  'POST /api/org/import': ['admin'],
  'GET /api/plans/{id}/supervision': READERS,
  'GET /api/plans/{id}/items/{itemId}/supervision': READERS,
  'GET /api/plans/{id}/items/{itemId}/timeline': READERS,
  'POST /api/plans/{id}/items/{itemId}/commands': [
    'supervisor',
    'principal_leader',
    'leader',
    'unit_head',
    'staff',
  ],
  'GET /api/units/{id}/items': READERS,
  'POST /api/plans/{id}/items/{itemId}/evidence': ['unit_head', 'staff'],
  'GET /api/evidence/{id}': READERS,
  'GET /api/audit': ['admin', 'supervisor', 'auditor'],
  'GET /api/audit/verify': ['admin', 'supervisor', 'auditor'],
  'GET /api/notifications': ['admin', 'supervisor', 'auditor'],
  'POST /api/notifications/{id}/resend': ['admin', 'supervisor'],
  'GET /api/dev/mail': ['admin', 'supervisor', 'auditor'],
};

/** Tables a refused request must leave exactly as they were. */
const GUARDED_TABLES = [
  'plan',
  'plan_section',
  'plan_item',
  'plan_target',
  'plan_item_co_unit',
  'org_unit',
  'person',
  'person_charge_unit',
  'diagnostic_probe',
  'work_item_state',
  'work_item_event',
  'notification_outbox',
  'evidence',
];

/** The unit whose staff and head the matrix calls as. */
const UNIT = '养老服务科';

interface Route {
  readonly key: string;
  readonly method: string;
  readonly path: string;
}

describe('role × endpoint matrix', () => {
  let api: TestApi;
  let routes: Route[];
  let plan: StoredPlan;
  /** The one sample person of each role the matrix calls as. */
  const callers = new Map<Role, string>();

  async function freshToken(role: Role): Promise<string> {
    const answer = await api.call<{ accessToken: string }>('POST', '/auth/login', {
      body: { username: callers.get(role), password: TEST_PASSWORD },
    });
    if (answer.status !== 200) throw new Error(`login as ${role}: ${answer.status}`);
    return answer.body.accessToken;
  }

  function concrete(path: string): string {
    // An item of the staff caller's unit, so item-level scope lets the allowed roles through.
    const item = plan.sections
      .flatMap((section) => section.items)
      .find((i) => i.responsibility.leadUnitId === api.unit(UNIT).id);
    const values: Record<string, string> = {
      '/plans/{id}': `/plans/${plan.id}`,
      '{itemId}': item?.id ?? '',
      '{sectionNo}': '1',
      '/units/{id}': `/units/${api.unit('养老服务科').id}`,
      '/people/{id}': `/people/${api.person('staff').id}`,
      '{requestId}': randomUUID(),
      '/evidence/{id}': `/evidence/${randomUUID()}`,
      '/notifications/{id}': `/notifications/${randomUUID()}`,
    };
    let result = path.replace(/^\/api/, '');
    for (const [pattern, value] of Object.entries(values)) result = result.replace(pattern, value);
    if (result.includes('{')) throw new Error(`no fixture for a parameter of ${path}`);
    return result;
  }

  async function callAs(who: Who, route: Route): Promise<number> {
    const token = who === 'anonymous' ? undefined : await freshToken(who);
    const hasBody = !['GET', 'DELETE'].includes(route.method);
    // An unknown field fails validation after the access check: allowed callers get a 400
    // instead of changing data (or starting a workflow) on every line of the matrix.
    const answer = await api.call(route.method, concrete(route.path), {
      token,
      ...(hasBody && { body: { matrixProbe: true } }),
    });
    return answer.status;
  }

  async function tableChecksums(): Promise<unknown[]> {
    return api.dataSource.query(`CHECKSUM TABLE ${GUARDED_TABLES.join(', ')}`);
  }

  beforeAll(async () => {
    api = await startTestApi('duban_matrix_api', {
      LOGIN_RATE_LIMIT: '100000',
      WRITE_RATE_LIMIT: '100000',
    });
    for (const role of ROLES) {
      const inUnit = role === 'staff' || role === 'unit_head';
      callers.set(role, api.person(role, inUnit ? UNIT : undefined).username);
    }
    const imported = await api.call<StoredPlan>('POST', '/plans/import', {
      token: await freshToken('supervisor'),
      body: { text: fs.readFileSync(SAMPLE_PLAN, 'utf8') },
    });
    plan = imported.body;
    const document = await api.call<{ paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/docs-json',
    );
    routes = Object.entries(document.body.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
      })),
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  it('has an entry for every route in the OpenAPI document, and no entry for a route that is gone', () => {
    expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('refuses every caller outside a route’s list (401 anonymous, 403 signed in) and writes nothing', async () => {
    const before = await tableChecksums();
    const unexpected: string[] = [];
    let refusals = 0;
    for (const route of routes) {
      for (const who of EVERYONE.filter((w) => !MATRIX[route.key]?.includes(w))) {
        const expected = who === 'anonymous' ? 401 : 403;
        const status = await callAs(who, route);
        refusals += 1;
        if (status !== expected)
          unexpected.push(`${route.key} as ${who}: ${status} (expected ${expected})`);
      }
    }
    expect(unexpected).toEqual([]);
    expect(refusals).toBeGreaterThan(100);
    expect(await tableChecksums()).toEqual(before);
  });

  it('records every refusal in the audit trail', async () => {
    const refused = await api.call<unknown[]>('GET', '/audit?outcome=refused&limit=500', {
      token: await freshToken('auditor'),
    });
    const expected = routes.reduce(
      (n, route) => n + EVERYONE.filter((w) => !MATRIX[route.key]?.includes(w)).length,
      0,
    );
    expect(refused.body.length).toBe(expected);
  });

  it('lets every caller in a route’s list through the access check', async () => {
    const unexpected: string[] = [];
    for (const route of routes) {
      for (const who of MATRIX[route.key] ?? []) {
        const status = await callAs(who, route);
        if (status === 401 || status === 403 || status >= 500) {
          unexpected.push(`${route.key} as ${who}: ${status}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  });
});
