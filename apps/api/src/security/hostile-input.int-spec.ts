import * as fs from 'node:fs';
import type { StoredPlan, UnitView } from '@duban/persistence';
import { SAMPLE_PLAN, startTestApi, type TestApi } from '../testing/test-api';

/** Strings that would do harm if any layer interpreted them instead of storing them. */
const HOSTILE = [
  "'; DROP TABLE person; --",
  "x' OR '1'='1",
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '${7*7} {{7*7}} #{7*7}',
  '%00\u0000null byte',
  '"},{"$where":"1==1"}',
  '督办\u202Eexe.txt',
];

describe('hostile input', () => {
  let api: TestApi;
  let admin: string;
  let supervisor: string;
  let plan: StoredPlan;

  beforeAll(async () => {
    api = await startTestApi('duban_hostile_api', { WRITE_RATE_LIMIT: '100000' });
    admin = await api.tokenOf(api.person('admin').username);
    supervisor = await api.tokenOf(api.person('supervisor').username);
    plan = (
      await api.call<StoredPlan>('POST', '/plans/import', {
        token: supervisor,
        body: { text: fs.readFileSync(SAMPLE_PLAN, 'utf8') },
      })
    ).body;
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each(HOSTILE.map((text, i) => [i, text]))(
    'stores hostile text %i verbatim in a unit name, a section title and an item title, or rejects it',
    async (i, text) => {
      const unit = await api.call<UnitView>('POST', '/units', {
        token: admin,
        body: { code: `hostile-${i}`, name: text, kind: 'department', headId: null },
      });
      if (unit.status === 201) {
        const read = await api.call<UnitView>('GET', `/units/${unit.body.id}`, { token: admin });
        expect(read.body.name).toBe(text);
      } else {
        expect(unit.status).toBe(400);
      }
      const section = await api.call<StoredPlan>('PATCH', `/plans/${plan.id}/sections/1`, {
        token: supervisor,
        body: { title: text },
      });
      expect([200, 400]).toContain(section.status);
      if (section.status === 200) expect(section.body.sections[0]?.title).toBe(text.trim());
      const item = plan.sections[0]?.items[0];
      const edited = await api.call<StoredPlan>('PATCH', `/plans/${plan.id}/items/${item?.id}`, {
        token: supervisor,
        body: { title: text },
      });
      expect([200, 400]).toContain(edited.status);
      // The tables are still all there and still answer.
      expect(
        (await api.call<unknown[]>('GET', '/people', { token: admin })).body.length,
      ).toBeGreaterThan(10);
    },
  );

  it.each(HOSTILE)(
    'rejects hostile text %j where a code, id or e-mail is expected',
    async (text) => {
      const asCode = await api.call('POST', '/units', {
        token: admin,
        body: { code: text, name: '新单位', kind: 'department', headId: null },
      });
      expect(asCode.status).toBe(400);
      const asId = await api.call('GET', `/units/${encodeURIComponent(text)}`, { token: admin });
      expect(asId.status).toBe(400);
      const asEmail = await api.call('POST', '/people', {
        token: admin,
        body: {
          username: 'hostile',
          name: '某人',
          unitId: null,
          email: text,
          mobile: null,
          roles: ['staff'],
          chargeUnitIds: [],
          locale: 'zh-CN',
          active: true,
        },
      });
      expect(asEmail.status).toBe(400);
    },
  );

  it.each(HOSTILE)(
    'treats hostile text %j as a plain value in logins and audit filters',
    async (text) => {
      const login = await api.call('POST', '/auth/login', {
        body: { username: text, password: text },
      });
      expect(login.status).toBe(401);
      const filtered = await api.call<unknown[]>(
        `GET`,
        `/audit?action=${encodeURIComponent(text)}`,
        {
          token: admin,
        },
      );
      expect(filtered.status).toBe(200);
      expect(filtered.body).toEqual([]);
    },
  );

  it('refuses path traversal in route parameters before any lookup', async () => {
    for (const route of [
      '/plans/..%2F..%2Fetc%2Fpasswd',
      `/plans/${plan.id}/items/..%2F..%2F`,
      '/people/%2E%2E%2F%2E%2E%2Fetc',
    ]) {
      expect((await api.call('GET', route, { token: admin })).status).toBe(400);
    }
  });

  it('answers 414 to an over-long route parameter before any route runs', async () => {
    const long = 'a'.repeat(5000);
    expect((await api.call('GET', `/plans/${long}`)).status).toBe(414);
    expect((await api.call('GET', `/plans/${long}`, { token: admin })).status).toBe(414);
  });

  it('keeps an intact audit chain after all of it', async () => {
    const verdict = await api.call('GET', '/audit/verify', { token: admin });
    expect(verdict.body).toMatchObject({ ok: true });
  });
});
