/**
 * The roles of a district bureau's supervision. A person may hold several (a unit head who is
 * also a staff member of the same unit); every permission is the union of their roles'.
 */
export const ROLES = [
  'admin',
  'supervisor',
  'principal_leader',
  'leader',
  'unit_head',
  'staff',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: '系统管理员',
  supervisor: '督查室',
  principal_leader: '主要领导',
  leader: '分管领导',
  unit_head: '科室负责人',
  staff: '承办人',
  auditor: '审计（只读）',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Who is acting, as every command carries it: through the API to the workflow Update validators
 * and into the audit trail. `chargeUnitIds` are the units a leader is in charge of (分管).
 */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly unitId: string | null;
  readonly chargeUnitIds: readonly string[];
}

/** A person of the organisation as the actor of what they do. */
export function actorOf(person: Omit<Actor, 'userId'> & { readonly id: string }): Actor {
  return {
    userId: person.id,
    username: person.username,
    name: person.name,
    roles: person.roles,
    unitId: person.unitId,
    chargeUnitIds: person.chargeUnitIds,
  };
}
