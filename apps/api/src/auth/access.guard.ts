import {
  Injectable,
  InternalServerErrorException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainException, DomainExceptionCode, hasPermission, type Actor } from '@duban/domain';
import { OrgRepository, SessionRepository } from '@duban/persistence';
import { ACCESS_POLICY, type AccessPolicy, type AuthenticatedRequest } from './access.decorator';
import { AccessService } from './access.service';
import { TokenService } from './token.service';

interface HttpRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string>;
}

function bearerToken(request: HttpRequest): string | null {
  const header = request.headers['authorization'];
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header) : null;
  return match?.[1] ?? null;
}

/** The id a refused call aimed at, for the audit record: the route's first path parameter. */
function targetOf(request: HttpRequest): string | null {
  return Object.values(request.params ?? {})[0] ?? null;
}

/**
 * Runs before every route: checks the access token, that its session is still live and the
 * person still active, and the route's permission. Every refusal is recorded.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) throw new InternalServerErrorException('route without an access policy');
    if (policy.allow === 'public') return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const refuse = async (actor: Actor | null, reason: string) => {
      await this.access.recordRefusal({
        action: policy.action,
        actor,
        targetType: null,
        targetId: targetOf(request),
        reason,
        ip: request.ip,
      });
    };
    const signedIn = await this.authenticate(request);
    if (!signedIn) {
      await refuse(null, 'not signed in, or the token is expired, forged or revoked');
      throw new DomainException(DomainExceptionCode.Unauthenticated, '请先登录，或登录已过期', {
        messageEn: 'not signed in, or the sign-in has expired',
      });
    }
    request.actor = signedIn.actor;
    request.sessionId = signedIn.sessionId;
    if (policy.allow !== 'signed-in' && !hasPermission(signedIn.actor, policy.allow)) {
      await refuse(signedIn.actor, `missing permission ${policy.allow}`);
      throw new DomainException(DomainExceptionCode.Forbidden, '您的角色无权执行此操作', {
        messageEn: 'your role may not do this',
      });
    }
    return true;
  }

  private async authenticate(
    request: HttpRequest,
  ): Promise<{ actor: Actor; sessionId: string } | null> {
    const token = bearerToken(request);
    const claims = token ? await this.tokens.verify(token) : null;
    if (!claims || !(await this.sessions.isActive(claims.sid, claims.sub, new Date()))) return null;
    const actor = await this.org.actorOf(claims.sub);
    return actor ? { actor, sessionId: claims.sid } : null;
  }
}
