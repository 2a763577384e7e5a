import type { AuditRecord } from '@duban/domain';
import { startTestApi, type TestApi } from '../testing/test-api';

describe('audit trail over HTTP', () => {
  let api: TestApi;
  let auditor: string;

  beforeAll(async () => {
    api = await startTestApi('duban_audit_api');
    auditor = await api.tokenOf(api.person('auditor').username);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('lists who did what, with the hash chain, filtered by action', async () => {
    const logins = await api.call<AuditRecord[]>('GET', '/audit?action=auth.login', {
      token: auditor,
    });
    expect(logins.status).toBe(200);
    expect(logins.body.at(-1)).toMatchObject({
      action: 'auth.login',
      outcome: 'ok',
      actorName: api.person('auditor').username,
      actorRoles: 'auditor',
      targetType: 'session',
    });
    expect(logins.body.at(-1)?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports an intact chain, then names a record changed directly in the database', async () => {
    const intact = await api.call('GET', '/audit/verify', { token: auditor });
    expect(intact.body).toMatchObject({ ok: true });
    const count = intact.body['count'] as number;
    expect(count).toBeGreaterThan(20);
    await api.dataSource.query(`UPDATE audit_record SET actor_name = 'someone-else' WHERE seq = 3`);
    const broken = await api.call('GET', '/audit/verify', { token: auditor });
    expect(broken.status).toBe(200);
    expect(broken.body).toEqual({
      ok: false,
      count: 2,
      brokenSeq: 3,
      reason: 'its content does not match its hash',
      message: '记录内容与其哈希不符，已被改动',
    });
  });

  it('rejects a malformed filter with 400 naming it', async () => {
    const answer = await api.call('GET', '/audit?limit=100000', { token: auditor });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('limit');
  });
});
