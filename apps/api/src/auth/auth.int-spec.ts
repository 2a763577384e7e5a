import { sign } from 'jsonwebtoken';
import { AuditRepository } from '@duban/persistence';
import { TEST_PASSWORD, startTestApi, type TestApi } from '../testing/test-api';

const JWT_SECRET = 'test-secret-that-is-at-least-32-characters';
const LOCK_SECONDS = 3;

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; username: string; roles: string[] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('login, tokens and lockout', () => {
  let api: TestApi;
  let username: string;
  let userId: string;

  const login = (name: string, password: string) =>
    api.call<Tokens>('POST', '/auth/login', { body: { username: name, password } });
  const me = (token: string) => api.call('GET', '/auth/me', { token });
  const lastAudit = async () => (await api.app.get(AuditRepository).list({ limit: 10_000 })).at(-1);

  beforeAll(async () => {
    api = await startTestApi('duban_auth_api', {
      JWT_SECRET,
      LOGIN_LOCK_SECONDS: String(LOCK_SECONDS),
      LOGIN_RATE_LIMIT: '1000',
    });
    const staff = api.person('staff');
    username = staff.username;
    userId = staff.id;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('logs in with the right password and answers the user without credentials', async () => {
    const answer = await login(username, TEST_PASSWORD);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(answer.body.user).toMatchObject({ id: userId, username });
    expect(JSON.stringify(answer.body)).not.toMatch(/passwordHash|argon2/);
    expect((await me(answer.body.accessToken)).body).toMatchObject({ id: userId });
    expect(await lastAudit()).toMatchObject({
      action: 'auth.login',
      outcome: 'ok',
      actorId: userId,
    });
  });

  it('answers the same 401 for an unknown user and a wrong password, and records both', async () => {
    const unknown = await login('nobody-here', TEST_PASSWORD);
    expect(unknown.status).toBe(401);
    expect(await lastAudit()).toMatchObject({
      action: 'auth.login',
      outcome: 'refused',
      targetId: 'nobody-here',
      reason: 'unknown username',
    });
    const wrong = await login(username, 'Wrong-passw0rd!');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    await login(username, TEST_PASSWORD); // resets the failure count for the lockout test
  });

  it('refuses expired, forged, alg:none and malformed tokens with 401, recording each', async () => {
    const good = (await login(username, TEST_PASSWORD)).body.accessToken;
    const { sid } = JSON.parse(Buffer.from(good.split('.')[1] ?? '', 'base64url').toString()) as {
      sid: string;
    };
    const claims = { sid };
    const options = { subject: userId, issuer: 'duban', audience: 'duban-api' };
    const expired = sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 }, JWT_SECRET, {
      ...options,
      algorithm: 'HS256',
    });
    const wrongKey = sign(claims, 'another-secret-that-is-at-least-32-chars', {
      ...options,
      algorithm: 'HS256',
      expiresIn: 60,
    });
    const none = sign(claims, '', { ...options, algorithm: 'none', expiresIn: 60 });
    const otherUser = sign(claims, JWT_SECRET, {
      ...options,
      subject: api.person('supervisor').id,
      algorithm: 'HS256',
      expiresIn: 60,
    });
    const before = (await api.app.get(AuditRepository).list({ limit: 10_000 })).length;
    // otherUser: the right key and a live session, but the session is not the subject's.
    for (const token of [expired, wrongKey, none, otherUser, 'not.a.token', good.slice(0, -2)]) {
      const answer = await me(token);
      expect(answer.status).toBe(401);
    }
    expect((await me(good)).status).toBe(200);
    const after = await api.app.get(AuditRepository).list({ afterSeq: 0, limit: 10_000 });
    expect(after.length - before).toBe(6);
    expect(after.at(-1)?.outcome).toBe('refused');
  });

  it('ends the session at logout: the access token and the refresh token stop working', async () => {
    const tokens = (await login(username, TEST_PASSWORD)).body;
    expect((await api.call('POST', '/auth/logout', { token: tokens.accessToken })).status).toBe(
      204,
    );
    expect((await me(tokens.accessToken)).status).toBe(401);
    const refreshed = await api.call('POST', '/auth/refresh', {
      body: { refreshToken: tokens.refreshToken },
    });
    expect(refreshed.status).toBe(401);
  });

  it('rotates the refresh token, and ends the session when an old one is replayed', async () => {
    const first = (await login(username, TEST_PASSWORD)).body;
    const second = await api.call<Tokens>('POST', '/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.body.accessToken)).status).toBe(200);
    const replay = await api.call('POST', '/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(replay.status).toBe(401);
    expect(await lastAudit()).toMatchObject({ action: 'auth.refresh', outcome: 'refused' });
    // The replay revoked the whole session: the thief's and the owner's tokens alike.
    expect((await me(second.body.accessToken)).status).toBe(401);
    const again = await api.call('POST', '/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    });
    expect(again.status).toBe(401);
  });

  it('rejects a malformed refresh request with 400 naming the field', async () => {
    const answer = await api.call('POST', '/auth/refresh', { body: { refreshToken: 'short' } });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('refreshToken');
  });

  it('locks the account after ten failed logins: the eleventh, correct, login is refused until the lock ends', async () => {
    const victim = api.person('unit_head').username;
    for (let i = 1; i <= 10; i += 1) {
      expect((await login(victim, `Wrong-passw0rd-${i}`)).status).toBe(401);
    }
    const locked = await login(victim, TEST_PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ lockedUntil: expect.any(String) });
    // The person reads the time in China, not UTC.
    const refusal = locked.body as unknown as { lockedUntil: string; message: string };
    const until = new Date(Date.parse(refusal.lockedUntil) + 8 * 3_600_000);
    expect(refusal.message).toContain(`${until.toISOString().slice(11, 16)}（北京时间）`);
    expect(locked.body).not.toHaveProperty('accessToken');
    expect(await lastAudit()).toMatchObject({ action: 'auth.login', outcome: 'refused' });
    expect((await lastAudit())?.reason).toMatch(/^account locked until/);
    await sleep(LOCK_SECONDS * 1000 + 200);
    expect((await login(victim, TEST_PASSWORD)).status).toBe(200);
  });

  it('does not lock after nine failures followed by a success', async () => {
    const person = api.person('leader').username;
    for (let i = 1; i <= 9; i += 1) await login(person, 'Wrong-passw0rd!');
    expect((await login(person, TEST_PASSWORD)).status).toBe(200);
    for (let i = 1; i <= 9; i += 1) await login(person, 'Wrong-passw0rd!');
    expect((await login(person, TEST_PASSWORD)).status).toBe(200);
  });

  it('lets a user change their own password, which ends all their sessions', async () => {
    const person = api.person('auditor').username;
    const token = (await login(person, TEST_PASSWORD)).body.accessToken;
    const weak = await api.call('POST', '/auth/password', {
      token,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.status).toBe(400);
    const changed = await api.call('POST', '/auth/password', {
      token,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'New-Passw0rd-2024' },
    });
    expect(changed.status).toBe(204);
    expect((await me(token)).status).toBe(401);
    expect((await login(person, TEST_PASSWORD)).status).toBe(401);
    expect((await login(person, 'New-Passw0rd-2024')).status).toBe(200);
  });

  it('sends security headers and no CORS headers when no origin is configured', async () => {
    const answer = await api.call('GET', '/health', {
      headers: { origin: 'https://evil.example.org' },
    });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('strict-transport-security')).toContain('max-age');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});
