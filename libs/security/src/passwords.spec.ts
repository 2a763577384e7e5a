import {
  decoyPasswordHash,
  generatePassword,
  hashPassword,
  passwordProblem,
  verifyPassword,
} from './passwords';

describe('passwords', () => {
  it('hash with argon2id and verify only the right password', async () => {
    const stored = await hashPassword('Correct-horse-9');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored, 'Correct-horse-9')).toBe(true);
    expect(await verifyPassword(stored, 'correct-horse-9')).toBe(false);
  });

  it('salt every hash: the same password never hashes the same twice', async () => {
    expect(await hashPassword('Correct-horse-9')).not.toBe(await hashPassword('Correct-horse-9'));
  });

  it('treat a malformed stored hash as a wrong password, not an error', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });

  it('refuse short or one-kind passwords and accept generated ones', () => {
    expect(passwordProblem('Ab1!')).toMatch(/至少 10/);
    expect(passwordProblem('abcdefghijkl')).toMatch(/三类/);
    expect(passwordProblem('x'.repeat(200))).toMatch(/不能超过/);
    for (let i = 0; i < 50; i += 1) expect(passwordProblem(generatePassword())).toBeNull();
  });

  it('keep a decoy hash that no guess matches', async () => {
    expect(await verifyPassword(await decoyPasswordHash(), '')).toBe(false);
  });
});
