import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, Permission } from '@duban/domain';

/**
 * Every route declares who may call it and what the call is called in the audit trail; a route
 * without a declaration is refused (the guard fails closed).
 */
export interface AccessPolicy {
  /** `public`: no login; `signed-in`: any active user; otherwise the permission needed. */
  readonly allow: Permission | 'public' | 'signed-in';
  /** The command or query name, e.g. `plan.confirm`, as the audit trail records it. */
  readonly action: string;
}

export const ACCESS_POLICY = 'duban:access-policy';

export const Access = (policy: AccessPolicy) => SetMetadata(ACCESS_POLICY, policy);

/** What the guard attaches to the request. */
export interface AuthenticatedRequest {
  actor?: Actor;
  sessionId?: string;
  ip: string;
}

/** Who asks, as commands and the audit trail need it: the signed-in actor and their address. */
export interface Caller {
  readonly actor: Actor;
  readonly ip: string;
}

export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const { actor, ip } = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!actor) throw new Error('CurrentCaller used on a public route');
  return { actor, ip } satisfies Caller;
});

export const RequestIp = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().ip,
);
