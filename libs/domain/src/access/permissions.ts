import type { Actor, Role } from './roles';

/** What a role may do regardless of which item: the coarse check made on every endpoint. */
export const PERMISSIONS = [
  /** Read plans, items and their progress (item-level scope applies on top, see item-access). */
  'plan:read',
  /** Import, correct and confirm plans; assign items; run escalations. */
  'plan:manage',
  /** Read the organisation: units and people (who to assign, who to remind). */
  'org:read',
  /** Create and change units, people and their accounts. */
  'org:manage',
  /** Read and verify the audit trail. */
  'audit:read',
  /** Act on an item as its responsible unit: acknowledge, submit progress, request extension. */
  'item:act',
  /** Approve or return milestones, decide extensions (of the items one is in charge of). */
  'item:approve',
  /**
   * Send commands to a work item at all; which command, on which item, the item's own rule
   * decides (decideCommand). Admin and auditor never do.
   */
  'item:command',
  /** See the notification outbox: what was sent to whom, what failed. */
  'notification:read',
  /** Send a failed or unknown notification again, once a person has checked it. */
  'notification:manage',
  /** Run the platform's diagnostic round trip. */
  'system:diagnose',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: readonly Permission[] = ['plan:read', 'org:read'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [
    ...READ_ALL,
    'org:manage',
    'audit:read',
    'notification:read',
    'notification:manage',
    'system:diagnose',
  ],
  supervisor: [
    ...READ_ALL,
    'plan:manage',
    'audit:read',
    'notification:read',
    'notification:manage',
    'item:command',
  ],
  principal_leader: [...READ_ALL, 'item:approve', 'item:command'],
  leader: [...READ_ALL, 'item:approve', 'item:command'],
  unit_head: [...READ_ALL, 'item:act', 'item:command'],
  staff: [...READ_ALL, 'item:act', 'item:command'],
  auditor: [...READ_ALL, 'audit:read', 'notification:read'],
};

export function hasPermission(actor: Pick<Actor, 'roles'>, permission: Permission): boolean {
  return actor.roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}
