import { newRefreshToken, tokenHash } from './tokens';

describe('refresh tokens', () => {
  it('are random, URL-safe, and stored as a SHA-256 that does not reveal them', () => {
    const token = newRefreshToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newRefreshToken()).not.toBe(token);
    expect(tokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(token)).not.toContain(token);
    expect(tokenHash(token)).toBe(tokenHash(token));
  });
});
