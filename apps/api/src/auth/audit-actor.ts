import type { Actor, AuditActorRef, Role } from '@duban/domain';

export function auditActor(actor: Actor): AuditActorRef {
  return {
    userId: actor.userId,
    username: actor.username,
    roles: actor.roles,
    unitId: actor.unitId,
  };
}

/** Who acted, and from where: what a repository writes into the trail with the change. */
export function auditCaller(caller: { readonly actor: Actor; readonly ip: string | null }) {
  return { ...auditActor(caller.actor), ip: caller.ip } satisfies AuditActorRef;
}

/** The same for a person not yet signed in (a login attempt). */
export function auditPerson(person: {
  readonly id: string;
  readonly username: string;
  readonly roles: readonly Role[];
  readonly unitId: string | null;
}): AuditActorRef {
  return auditActor({ ...person, userId: person.id, name: '', chargeUnitIds: [] });
}
