import { randomUUID } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { transaction } from '../transaction';
import { AuthSessionEntity } from '../entities/auth-session.entity';

export type RotationResult =
  | { readonly kind: 'rotated'; readonly sessionId: string; readonly personId: string }
  /** The token was already replaced: someone replays an old token, so the session is ended. */
  | { readonly kind: 'reused'; readonly sessionId: string; readonly personId: string }
  | { readonly kind: 'invalid' };

/** Login sessions and their refresh tokens (stored only as SHA-256 hashes). */
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(personId: string, tokenHash: string, now: Date, expiresAt: Date): Promise<string> {
    const id = randomUUID();
    await this.dataSource.getRepository(AuthSessionEntity).insert({
      id,
      personId,
      tokenHash,
      previousTokenHash: null,
      createdAt: now,
      expiresAt,
      revokedAt: null,
    });
    return id;
  }

  /** Replaces a live session's refresh token; the old one stops working at once. */
  rotate(tokenHash: string, newHash: string, now: Date, expiresAt: Date): Promise<RotationResult> {
    return transaction(this.dataSource, async (manager) => {
      const session = await manager.findOneBy(AuthSessionEntity, { tokenHash });
      if (session && !session.revokedAt && session.expiresAt > now) {
        // Compare-and-set on the hash: of two concurrent refreshes with one token, one wins.
        const result = await manager.update(
          AuthSessionEntity,
          { id: session.id, tokenHash },
          { tokenHash: newHash, previousTokenHash: tokenHash, expiresAt },
        );
        if (result.affected === 1) {
          return { kind: 'rotated', sessionId: session.id, personId: session.personId };
        }
      }
      const replaced = await manager.findOneBy(AuthSessionEntity, { previousTokenHash: tokenHash });
      if (replaced) {
        await manager.update(
          AuthSessionEntity,
          { id: replaced.id, revokedAt: IsNull() },
          { revokedAt: now },
        );
        return { kind: 'reused', sessionId: replaced.id, personId: replaced.personId };
      }
      return { kind: 'invalid' };
    });
  }

  async revoke(sessionId: string, now: Date): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(AuthSessionEntity)
      .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: now });
    return result.affected === 1;
  }

  async revokeAllOf(personId: string, now: Date): Promise<void> {
    await this.dataSource
      .getRepository(AuthSessionEntity)
      .update({ personId, revokedAt: IsNull() }, { revokedAt: now });
  }

  /** Live, and the person's own: a token naming someone else's session is not theirs. */
  async isActive(sessionId: string, personId: string, now: Date): Promise<boolean> {
    const session = await this.dataSource
      .getRepository(AuthSessionEntity)
      .findOneBy({ id: sessionId, personId });
    return !!session && !session.revokedAt && session.expiresAt > now;
  }
}
