import * as os from 'node:os';
import type { AuditActorRef } from '@duban/domain';

/**
 * Commands run on the server itself act as the operating-system account that ran them: the
 * audit trail names that account, with no role (it is not a Duban user).
 */
export function cliActor(): AuditActorRef {
  return { userId: 'cli', username: `cli:${os.userInfo().username}`, roles: [], unitId: null };
}
