import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import type { SecurityConfig } from '@duban/config';
import { ACCESS_POLICY, type AccessPolicy } from './access.decorator';

const MINUTE_MS = 60_000;
/** Actions that guess or replay credentials: limited more tightly than other writes. */
const CREDENTIAL_ACTIONS = ['auth.login', 'auth.refresh'];
const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Two budgets per client address and minute: one for login attempts (next to the per-account
 * lockout, which a guesser spreading over many accounts would not trip), one for all writes.
 */
export function rateLimits(security: SecurityConfig, reflector: Reflector): ThrottlerModuleOptions {
  const actionOf = (context: ExecutionContext) =>
    reflector.get<AccessPolicy | undefined>(ACCESS_POLICY, context.getHandler())?.action;
  const methodOf = (context: ExecutionContext) =>
    context.switchToHttp().getRequest<{ method: string }>().method;
  return {
    errorMessage: '请求过于频繁，请稍后再试',
    throttlers: [
      {
        name: 'login',
        ttl: MINUTE_MS,
        limit: security.loginRateLimit,
        skipIf: (context) => !CREDENTIAL_ACTIONS.includes(actionOf(context) ?? ''),
      },
      {
        name: 'writes',
        ttl: MINUTE_MS,
        limit: security.writeRateLimit,
        skipIf: (context) =>
          READ_METHODS.includes(methodOf(context)) ||
          CREDENTIAL_ACTIONS.includes(actionOf(context) ?? ''),
      },
    ],
  };
}
