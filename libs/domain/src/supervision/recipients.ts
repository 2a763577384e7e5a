import type { Role } from '../access/roles';
import type { RecipientRole } from './escalation-policy';
import type { WorkItemResponsibility } from './work-item';

export interface OrgSnapshot {
  readonly units: readonly { readonly id: string; readonly headId: string | null }[];
  readonly people: readonly {
    readonly id: string;
    /** Shown to people (a confirm preview); the rules go by id. */
    readonly name?: string;
    readonly roles: readonly Role[];
    readonly chargeUnitIds: readonly string[];
    readonly active: boolean;
  }[];
}

export interface Recipient {
  readonly personId: string;
  /** The role they are told as; `requester`: they asked for what is being decided. */
  readonly as: RecipientRole | 'requester';
}

/**
 * The people behind the roles a notice names, for one item: its responsible person (else the
 * lead unit's head), the lead unit's head, the co-units' heads, its leader in charge (named, else
 * whoever is in charge of the lead unit), the principal leaders, the supervisors; and before
 * them the people named themselves (who asked for what is being decided). Each person once,
 * inactive people never.
 */
export function resolveRecipients(
  roles: readonly RecipientRole[],
  item: WorkItemResponsibility,
  org: OrgSnapshot,
  requesters: readonly string[] = [],
): Recipient[] {
  const active = org.people.filter((p) => p.active);
  const headOf = (unitId: string | null) => org.units.find((u) => u.id === unitId)?.headId ?? null;
  const head = headOf(item.leadUnitId);
  const byRole = (role: Role) => active.filter((p) => p.roles.includes(role)).map((p) => p.id);
  const people: Record<RecipientRole, () => (string | null)[]> = {
    responsible: () => [item.responsibleId ?? head],
    unit_head: () => [head],
    co_unit_head: () => item.coUnitIds.map(headOf),
    leader: () =>
      item.leaderId !== null
        ? [item.leaderId]
        : active
            .filter((p) => item.leadUnitId !== null && p.chargeUnitIds.includes(item.leadUnitId))
            .map((p) => p.id),
    principal_leader: () => byRole('principal_leader'),
    supervisor: () => byRole('supervisor'),
  };
  const activeIds = new Set(active.map((p) => p.id));
  const seen = new Set<string>();
  const result: Recipient[] = [];
  for (const personId of requesters) {
    if (!activeIds.has(personId) || seen.has(personId)) continue;
    seen.add(personId);
    result.push({ personId, as: 'requester' });
  }
  for (const role of roles) {
    for (const personId of people[role]()) {
      if (personId === null || !activeIds.has(personId) || seen.has(personId)) continue;
      seen.add(personId);
      result.push({ personId, as: role });
    }
  }
  return result;
}
