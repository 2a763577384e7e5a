import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { DubanConfig } from '@duban/config';

export interface AccessClaims {
  /** Person id. */
  readonly sub: string;
  /** Session id: revoking the session ends its access tokens too. */
  readonly sid: string;
}

const ISSUER = 'duban';
const AUDIENCE = 'duban-api';
/** Only this one algorithm is accepted: `none` and public-key confusion are refused. */
const ALGORITHM = 'HS256';

/** Signs and checks short-lived access tokens (JWT, HS256). */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;
  readonly accessTtlSeconds: number;

  constructor({ env }: DubanConfig) {
    const secret = env.security.jwtSecret ?? randomBytes(32).toString('hex');
    if (!env.security.jwtSecret) {
      new Logger(TokenService.name).warn(
        'JWT_SECRET is not set: using a random key, so tokens end when this process stops',
      );
    }
    this.accessTtlSeconds = env.security.accessTokenTtlSeconds;
    this.jwt = new JwtService({ secret });
  }

  sign(claims: AccessClaims): Promise<string> {
    return this.jwt.signAsync(
      { sid: claims.sid },
      {
        subject: claims.sub,
        algorithm: ALGORITHM,
        issuer: ISSUER,
        audience: AUDIENCE,
        expiresIn: this.accessTtlSeconds,
      },
    );
  }

  /** The claims of a valid token, or null for an expired, forged or malformed one. */
  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub?: unknown; sid?: unknown }>(token, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
      });
      return typeof payload.sub === 'string' && typeof payload.sid === 'string'
        ? { sub: payload.sub, sid: payload.sid }
        : null;
    } catch {
      return null;
    }
  }
}
