import { PERMISSIONS, ROLE_PERMISSIONS, hasPermission, type Permission } from './permissions';
import { ROLES, type Role } from './roles';

/** The auditor's whole grant: reading, nothing that changes anything. */
const AUDITOR_READS: readonly Permission[] = [
  'plan:read',
  'org:read',
  'audit:read',
  'notification:read',
];

const holders = (permission: Permission) =>
  ROLES.filter((role) => hasPermission({ roles: [role] }, permission));

describe('ROLE_PERMISSIONS', () => {
  it('does not let the admin approve or act on items: running the system is not supervising', () => {
    expect(hasPermission({ roles: ['admin'] }, 'item:approve')).toBe(false);
    expect(hasPermission({ roles: ['admin'] }, 'item:act')).toBe(false);
    expect(hasPermission({ roles: ['admin'] }, 'plan:manage')).toBe(false);
  });

  it('gives the auditor plan:read, org:read, audit:read and notification:read and nothing else', () => {
    expect([...ROLE_PERMISSIONS.auditor].sort()).toEqual([...AUDITOR_READS].sort());
    for (const permission of PERMISSIONS) {
      expect(hasPermission({ roles: ['auditor'] }, permission)).toBe(
        AUDITOR_READS.includes(permission),
      );
    }
  });

  it('lets every role read plans and the organisation: the item-level rule narrows from there', () => {
    for (const role of ROLES) {
      expect(hasPermission({ roles: [role] }, 'plan:read')).toBe(true);
      expect(hasPermission({ roles: [role] }, 'org:read')).toBe(true);
    }
  });

  it('grants each permission to at least one role, so none is dead', () => {
    for (const permission of PERMISSIONS) expect(holders(permission)).not.toEqual([]);
  });

  it('lists each permission of a role once', () => {
    for (const role of ROLES) {
      expect(new Set(ROLE_PERMISSIONS[role]).size).toBe(ROLE_PERMISSIONS[role].length);
    }
  });
});

describe('hasPermission', () => {
  it('grants the union of the roles a person holds', () => {
    const auditorAndStaff = { roles: ['auditor', 'staff'] as const };
    expect(hasPermission(auditorAndStaff, 'item:act')).toBe(true);
    expect(hasPermission(auditorAndStaff, 'audit:read')).toBe(true);
    expect(hasPermission(auditorAndStaff, 'item:approve')).toBe(false);
  });

  it('grants nothing to a person without roles', () => {
    for (const permission of PERMISSIONS)
      expect(hasPermission({ roles: [] }, permission)).toBe(false);
  });
});

describe('who holds each permission', () => {
  // The endpoint matrix's expected cells, written out by hand against the table above.
  const EXPECTED: Record<Permission, Role[]> = {
    'plan:read': [...ROLES],
    'plan:manage': ['supervisor'],
    'org:read': [...ROLES],
    'org:manage': ['admin'],
    'audit:read': ['admin', 'supervisor', 'auditor'],
    'item:act': ['unit_head', 'staff'],
    'item:approve': ['principal_leader', 'leader'],
    'item:command': ['supervisor', 'principal_leader', 'leader', 'unit_head', 'staff'],
    'notification:read': ['admin', 'supervisor', 'auditor'],
    'notification:manage': ['admin', 'supervisor'],
    'system:diagnose': ['admin'],
  };

  it.each(PERMISSIONS.map((p) => [p, EXPECTED[p]] as const))(
    'returns the roles holding %s: %j',
    (permission, roles) => {
      expect([...holders(permission)].sort()).toEqual([...roles].sort());
    },
  );
});
