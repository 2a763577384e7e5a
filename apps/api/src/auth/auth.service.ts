import { Injectable } from '@nestjs/common';
import { chinaDateTime } from '@duban/notifications';
import { DubanConfig, type SecurityConfig } from '@duban/config';
import { DomainException, DomainExceptionCode, type Actor } from '@duban/domain';
import {
  AuditRepository,
  OrgRepository,
  SessionRepository,
  publicPerson,
  type PersonCredentials,
  type PersonView,
} from '@duban/persistence';
import {
  decoyPasswordHash,
  hashPassword,
  newRefreshToken,
  passwordProblem,
  tokenHash,
  verifyPassword,
} from '@duban/security';
import type { Caller } from './access.decorator';
import { auditActor, auditPerson } from './audit-actor';
import { TokenService } from './token.service';

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly tokenType: 'Bearer';
  /** Seconds the access token lives. */
  readonly expiresIn: number;
  readonly user: PersonView;
}

const badLogin = () =>
  new DomainException(DomainExceptionCode.Unauthenticated, '用户名或密码错误', {
    messageEn: 'wrong username or password',
  });

/** Login, token refresh and logout, with lockout after repeated failures. */
@Injectable()
export class AuthService {
  private readonly security: SecurityConfig;

  constructor(
    { env }: DubanConfig,
    private readonly org: OrgRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: TokenService,
    private readonly audit: AuditRepository,
  ) {
    this.security = env.security;
  }

  async login(username: string, password: string, ip: string): Promise<TokenPair> {
    const now = new Date();
    const person = await this.org.findPersonBy({ username });
    const refuse = async (reason: string, target = person) =>
      this.audit.append({
        action: 'auth.login',
        outcome: 'refused',
        actor: target ? auditPerson(target) : null,
        targetType: 'person',
        targetId: target?.id ?? username,
        reason,
        ip,
      });
    if (!person?.passwordHash || !person.active) {
      await verifyPassword(await decoyPasswordHash(), password);
      await refuse(person ? 'account cannot log in' : 'unknown username');
      throw badLogin();
    }
    if (person.lockedUntil && new Date(person.lockedUntil) > now) {
      await refuse(`account locked until ${person.lockedUntil}`);
      // The message is read by a person in China; the field stays an ISO instant for clients.
      throw new DomainException(
        DomainExceptionCode.Locked,
        `账户已锁定，请于 ${chinaDateTime(person.lockedUntil, 'zh-CN')}（北京时间）之后再试`,
        {
          messageEn: `the account is locked until ${chinaDateTime(person.lockedUntil, 'en')} (China time)`,
          lockedUntil: person.lockedUntil,
        },
      );
    }
    if (!(await verifyPassword(person.passwordHash, password))) {
      const lockedUntil = await this.org.recordLoginFailure(
        person.id,
        this.security.loginMaxFailures,
        this.security.loginLockSeconds * 1000,
        now,
      );
      await refuse(
        lockedUntil
          ? `wrong password; account locked until ${lockedUntil.toISOString()}`
          : 'wrong password',
      );
      throw badLogin();
    }
    await this.org.recordLoginSuccess(person.id);
    const refreshToken = newRefreshToken();
    const sessionId = await this.sessions.create(
      person.id,
      tokenHash(refreshToken),
      now,
      this.refreshExpiry(now),
    );
    await this.audit.append({
      action: 'auth.login',
      outcome: 'ok',
      actor: auditPerson(person),
      targetType: 'session',
      targetId: sessionId,
      ip,
    });
    return this.pair(person, sessionId, refreshToken);
  }

  async refresh(refreshToken: string, ip: string): Promise<TokenPair> {
    const now = new Date();
    const next = newRefreshToken();
    const result = await this.sessions.rotate(
      tokenHash(refreshToken),
      tokenHash(next),
      now,
      this.refreshExpiry(now),
    );
    const person =
      result.kind === 'invalid' ? null : await this.org.findPersonBy({ id: result.personId });
    if (result.kind !== 'rotated' || !person?.active) {
      await this.audit.append({
        action: 'auth.refresh',
        outcome: 'refused',
        actor: person ? auditPerson(person) : null,
        targetType: 'session',
        targetId: result.kind === 'invalid' ? null : result.sessionId,
        reason:
          result.kind === 'reused'
            ? 'a replaced refresh token was presented again: session revoked'
            : 'invalid, expired or revoked refresh token',
        ip,
      });
      throw new DomainException(DomainExceptionCode.Unauthenticated, '登录已失效，请重新登录', {
        messageEn: 'the sign-in is no longer valid: sign in again',
      });
    }
    return this.pair(person, result.sessionId, next);
  }

  async logout({ actor, ip }: Caller, sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId, new Date());
    await this.audit.append({
      action: 'auth.logout',
      outcome: 'ok',
      actor: auditActor(actor),
      targetType: 'session',
      targetId: sessionId,
      ip,
    });
  }

  async me(actor: Actor): Promise<PersonView> {
    return publicPerson(await this.org.findPerson(actor.userId));
  }

  /** A new own password ends every session, this one included: log in again with it. */
  async changePassword({ actor }: Caller, current: string, next: string): Promise<void> {
    const person = await this.org.findPerson(actor.userId);
    if (!person.passwordHash || !(await verifyPassword(person.passwordHash, current))) {
      throw new DomainException(DomainExceptionCode.InvalidInput, '当前密码不正确', {
        field: 'currentPassword',
      });
    }
    const problem = passwordProblem(next);
    if (problem)
      throw new DomainException(DomainExceptionCode.InvalidInput, problem, {
        field: 'newPassword',
      });
    await this.org.setPassword(person.id, await hashPassword(next), auditActor(actor));
    await this.sessions.revokeAllOf(person.id, new Date());
  }

  private refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + this.security.refreshTokenTtlSeconds * 1000);
  }

  private async pair(
    person: PersonCredentials,
    sessionId: string,
    refreshToken: string,
  ): Promise<TokenPair> {
    return {
      accessToken: await this.tokens.sign({ sub: person.id, sid: sessionId }),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTtlSeconds,
      user: publicPerson(person),
    };
  }
}
