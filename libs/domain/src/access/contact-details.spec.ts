import { maySeeContactDetails, type ContactOwner } from './contact-details';
import { ROLES, type Actor, type Role } from './roles';

const ELDERLY = 'elderly-care'; // 养老服务科
const CHILDREN = 'child-welfare'; // 儿童福利科

function viewer(roles: readonly Role[], unitId: string | null, userId = 'viewer'): Actor {
  return { userId, username: userId, name: userId, roles, unitId, chargeUnitIds: [] };
}

/** 养老服务科's staff member 王芳. */
const WANG: ContactOwner = { id: 'wangfang', unitId: ELDERLY };

describe('maySeeContactDetails', () => {
  /**
   * Each role, as a member of 养老服务科 (the person's own unit) and of 儿童福利科 (another);
   * a Record over Role, so a new role does not compile until its row is written.
   */
  const EXPECTED: Record<Role, Record<'own' | 'other', boolean>> = {
    admin: { own: true, other: true },
    supervisor: { own: true, other: true },
    principal_leader: { own: false, other: false },
    leader: { own: false, other: false },
    unit_head: { own: true, other: false },
    staff: { own: false, other: false },
    auditor: { own: false, other: false },
  };
  const UNITS = { own: ELDERLY, other: CHILDREN };

  it.each(
    ROLES.flatMap((role) => (['own', 'other'] as const).map((which) => [role, which] as const)),
  )('%s of the %s unit', (role, which) => {
    expect(maySeeContactDetails(viewer([role], UNITS[which]), WANG)).toBe(EXPECTED[role][which]);
  });

  it('lets every person see their own details, whatever their role', () => {
    expect(maySeeContactDetails(viewer(['staff'], ELDERLY, WANG.id), WANG)).toBe(true);
    expect(maySeeContactDetails(viewer(['auditor'], null, WANG.id), WANG)).toBe(true);
  });

  it('does not take a unit head without a unit for the head of a person without one', () => {
    // null === null must not count as "same unit".
    const nobody: ContactOwner = { id: 'someone', unitId: null };
    expect(maySeeContactDetails(viewer(['unit_head'], null), nobody)).toBe(false);
  });

  it('grants a person with several roles what any of them grants', () => {
    expect(maySeeContactDetails(viewer(['staff', 'unit_head'], ELDERLY), WANG)).toBe(true);
    expect(maySeeContactDetails(viewer(['leader', 'supervisor'], null), WANG)).toBe(true);
  });
});
