import { startTestApi, type TestApi } from '../testing/test-api';

const ALLOWED_ORIGIN = 'https://duban.example.gov.cn';

describe('rate limits and CORS', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi('duban_limits_api', {
      LOGIN_RATE_LIMIT: '3',
      WRITE_RATE_LIMIT: '5',
      CORS_ORIGIN: ALLOWED_ORIGIN,
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers 429 to the login attempt over the per-minute limit, before checking it', async () => {
    const attempt = () =>
      api.call('POST', '/auth/login', { body: { username: 'nobody', password: 'x' } });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await attempt();
    expect(refused.body['message']).toBe('请求过于频繁，请稍后再试');
    expect(refused.headers.get('retry-after-login')).toMatch(/^\d+$/);
  });

  it('counts writes separately from reads and from logins', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await api.call('POST', '/units', { body: {} })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await api.call('GET', '/health')).status).toBe(200);
  });

  it('allows the configured origin, and only it, to call from a browser', async () => {
    const preflight = (origin: string) =>
      api.call('OPTIONS', '/health', {
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const other = await preflight('https://evil.example.org');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a JSON body over 1 MB with 413', async () => {
    const answer = await api.call('POST', '/auth/refresh', {
      body: { refreshToken: 'x'.repeat(1024 * 1024 + 1) },
    });
    expect(answer.status).toBe(413);
  });
});
