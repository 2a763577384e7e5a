import type { Actor, AuditActorRef } from '@duban/domain';

export function auditActor(actor: Actor): AuditActorRef {
  return {
    userId: actor.userId,
    username: actor.username,
    roles: actor.roles,
    unitId: actor.unitId,
  };
}
