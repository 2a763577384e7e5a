import {
  decideItemAccess,
  decideUnitItemsAccess,
  isItemUnit,
  isLeaderInCharge,
  type AccessDecision,
  type ItemAction,
  type ItemResponsibility,
} from './item-access';
import { ROLES, type Actor, type Role } from './roles';

// Unit ids as the sample bureau's codes, so a failing test reads like the bureau.
const ELDERLY = 'elderly-care'; // 养老服务科
const CHILDREN = 'child-welfare'; // 儿童福利科
const ASSISTANCE = 'social-assistance'; // 社会救助科
const OFFICE = 'office'; // 办公室

function actor(
  roles: readonly Role[],
  unitId: string | null,
  chargeUnitIds: readonly string[] = [],
  userId = `${roles.join('+')}@${unitId ?? 'none'}`,
): Actor {
  return { userId, username: userId, name: userId, roles, unitId, chargeUnitIds };
}

function item(
  leadUnitId: string | null,
  coUnitIds: readonly string[] = [],
  leaderId: string | null = null,
): ItemResponsibility {
  return { leadUnitId, coUnitIds, leaderId };
}

const ALLOWED: AccessDecision = { allowed: true };

/** A refusal must explain itself in both languages: zh-CN for the user, English for the logs. */
function expectRefusedInBothLanguages(decision: AccessDecision): void {
  expect(decision.allowed).toBe(false);
  if (decision.allowed) return;
  expect(decision.reason).toMatch(/[\u4e00-\u9fff]/);
  expect(decision.reasonEn).toMatch(/^[ -~]+$/);
  expect(decision.reasonEn).toMatch(/[a-z]/);
}

describe('decideItemAccess: read and act, by unit', () => {
  const elderlyStaff = actor(['staff'], ELDERLY);
  const childrenItem = item(CHILDREN);

  it('refuses staff of 养老服务科 reading an item of 儿童福利科, in Chinese and English', () => {
    expect(decideItemAccess(elderlyStaff, childrenItem, 'read')).toEqual({
      allowed: false,
      reason: '该事项不属于您所在单位',
      reasonEn: 'the item does not belong to your unit',
    });
  });

  it('refuses staff of 养老服务科 acting on an item of 儿童福利科, in Chinese and English', () => {
    expect(decideItemAccess(elderlyStaff, childrenItem, 'act')).toEqual({
      allowed: false,
      reason: '只有牵头单位或配合单位可以办理该事项',
      reasonEn: 'only the lead unit or a co-unit may act on the item',
    });
  });

  it.each(['staff', 'unit_head'] as const)(
    'lets %s read and act on an item their unit leads',
    (role) => {
      const own = actor([role], ELDERLY);
      expect(decideItemAccess(own, item(ELDERLY), 'read')).toEqual(ALLOWED);
      expect(decideItemAccess(own, item(ELDERLY), 'act')).toEqual(ALLOWED);
    },
  );

  it.each(['staff', 'unit_head'] as const)(
    'lets %s read and act on an item where their unit is one of the co-units',
    (role) => {
      const coUnit = actor([role], ELDERLY);
      const shared = item(CHILDREN, [ASSISTANCE, ELDERLY]);
      expect(decideItemAccess(coUnit, shared, 'read')).toEqual(ALLOWED);
      expect(decideItemAccess(coUnit, shared, 'act')).toEqual(ALLOWED);
    },
  );

  it.each(['staff', 'unit_head'] as const)(
    'refuses %s an item led by another unit whose co-units are others still',
    (role) => {
      const outsider = actor([role], ELDERLY);
      const foreign = item(CHILDREN, [ASSISTANCE]);
      expectRefusedInBothLanguages(decideItemAccess(outsider, foreign, 'read'));
      expectRefusedInBothLanguages(decideItemAccess(outsider, foreign, 'act'));
    },
  );

  it('does not take a person without a unit for a member of an item without a lead unit', () => {
    // null === null must not count as "same unit": an unassigned item belongs to no one.
    const unassigned = actor(['staff'], null);
    expectRefusedInBothLanguages(decideItemAccess(unassigned, item(null), 'read'));
    expectRefusedInBothLanguages(decideItemAccess(unassigned, item(null), 'act'));
  });

  it.each(['supervisor', 'auditor', 'leader', 'principal_leader', 'admin'] as const)(
    'lets %s read every item, whatever unit leads it or none',
    (role) => {
      const reader = actor([role], OFFICE);
      for (const anyItem of [item(CHILDREN), item(ELDERLY, [ASSISTANCE]), item(null)]) {
        expect(decideItemAccess(reader, anyItem, 'read')).toEqual(ALLOWED);
      }
    },
  );

  it.each(['supervisor', 'leader', 'principal_leader'] as const)(
    'refuses %s acting on an item, even one their own unit leads',
    (role) => {
      // Acting is the responsible unit's work; reading everything does not make one responsible.
      const decision = decideItemAccess(actor([role], ELDERLY, [ELDERLY]), item(ELDERLY), 'act');
      expect(decision).toEqual({
        allowed: false,
        reason: '您的角色不能办理事项',
        reasonEn: 'your role cannot act on items',
      });
    },
  );

  it('grants a person with several roles what any of the roles grants', () => {
    // An auditor who is also staff of 养老服务科 acts on its items as staff.
    const both = actor(['auditor', 'staff'], ELDERLY);
    expect(decideItemAccess(both, item(ELDERLY), 'act')).toEqual(ALLOWED);
    expect(decideItemAccess(both, item(CHILDREN), 'read')).toEqual(ALLOWED);
  });
});

describe('decideItemAccess: auditor and admin only look', () => {
  it.each(['auditor', 'admin'] as const)(
    'refuses %s acting and approving, even as a member of the lead unit, in charge of it and named on the item',
    (role) => {
      // Every other condition of act and approve holds, so only the role can be what refuses.
      const person = actor([role], OFFICE, [OFFICE], `${role}-1`);
      const ownItem = item(OFFICE, [], `${role}-1`);
      expectRefusedInBothLanguages(decideItemAccess(person, ownItem, 'act'));
      expectRefusedInBothLanguages(decideItemAccess(person, ownItem, 'approve'));
    },
  );
});

describe('decideItemAccess: approve', () => {
  const zhang = actor(['leader'], 'leadership', [ELDERLY, ASSISTANCE], 'zhanghongmei');
  const wang = actor(['leader'], 'leadership', [CHILDREN], 'wangjianjun');

  it('lets the leader named on the item approve it, even if not in charge of the lead unit', () => {
    expect(decideItemAccess(wang, item(ELDERLY, [], 'wangjianjun'), 'approve')).toEqual(ALLOWED);
  });

  it('lets the principal leader named on the item approve it', () => {
    const li = actor(['principal_leader'], 'leadership', [], 'liguohua');
    expect(decideItemAccess(li, item(CHILDREN, [], 'liguohua'), 'approve')).toEqual(ALLOWED);
  });

  it('lets the leader in charge of the lead unit approve an item that names no leader', () => {
    expect(decideItemAccess(zhang, item(ELDERLY), 'approve')).toEqual(ALLOWED);
    expect(decideItemAccess(wang, item(CHILDREN), 'approve')).toEqual(ALLOWED);
  });

  it('refuses a leader in charge of another unit, in Chinese and English', () => {
    expect(decideItemAccess(wang, item(ELDERLY), 'approve')).toEqual({
      allowed: false,
      reason: '您不是该事项的分管领导',
      reasonEn: 'you are not the leader in charge of the item',
    });
  });

  it('does not let a leader in charge of a co-unit approve: the lead unit decides', () => {
    expectRefusedInBothLanguages(decideItemAccess(zhang, item(CHILDREN, [ELDERLY]), 'approve'));
  });

  it("refuses the lead unit's leader in charge when the item names another leader", () => {
    // The leader named on the item replaces, not joins, the lead unit's leader in charge.
    const decision = decideItemAccess(zhang, item(ELDERLY, [], 'wangjianjun'), 'approve');
    expectRefusedInBothLanguages(decision);
  });

  it('refuses every leader an item with neither a lead unit nor a leader', () => {
    const inChargeOfAll = actor(['leader'], 'leadership', [ELDERLY, CHILDREN, OFFICE]);
    expectRefusedInBothLanguages(decideItemAccess(inChargeOfAll, item(null), 'approve'));
  });

  it.each(['staff', 'unit_head', 'supervisor'] as const)(
    'refuses %s approving, even when named on the item and in charge of its lead unit',
    (role) => {
      const person = actor([role], ELDERLY, [ELDERLY], 'someone');
      expect(decideItemAccess(person, item(ELDERLY, [], 'someone'), 'approve')).toEqual({
        allowed: false,
        reason: '只有分管领导可以审核',
        reasonEn: 'only the leader in charge may approve',
      });
    },
  );
});

describe('decideItemAccess: every role × action', () => {
  /**
   * One person of each role, a member of 养老服务科 and in charge of it, asked about an item of
   * 养老服务科 (own) and one of 儿童福利科 (other); neither item names a leader. Typed as a
   * Record over Role, so a new role does not compile until its row is written.
   */
  const EXPECTED: Record<Role, Record<'own' | 'other', Record<ItemAction, boolean>>> = {
    admin: {
      own: { read: true, act: false, approve: false },
      other: { read: true, act: false, approve: false },
    },
    supervisor: {
      own: { read: true, act: false, approve: false },
      other: { read: true, act: false, approve: false },
    },
    principal_leader: {
      own: { read: true, act: false, approve: true },
      other: { read: true, act: false, approve: false },
    },
    leader: {
      own: { read: true, act: false, approve: true },
      other: { read: true, act: false, approve: false },
    },
    unit_head: {
      own: { read: true, act: true, approve: false },
      other: { read: false, act: false, approve: false },
    },
    staff: {
      own: { read: true, act: true, approve: false },
      other: { read: false, act: false, approve: false },
    },
    auditor: {
      own: { read: true, act: false, approve: false },
      other: { read: true, act: false, approve: false },
    },
  };
  const ITEMS = { own: item(ELDERLY), other: item(CHILDREN) };
  const ACTIONS: readonly ItemAction[] = ['read', 'act', 'approve'];

  const cells = ROLES.flatMap((role) =>
    (['own', 'other'] as const).flatMap((which) =>
      ACTIONS.map((action) => [role, action, which, EXPECTED[role][which][action]] as const),
    ),
  );

  it.each(cells)('%s %s on an item of the %s unit: allowed=%s', (role, action, which, allowed) => {
    const decision = decideItemAccess(actor([role], ELDERLY, [ELDERLY]), ITEMS[which], action);
    if (allowed) expect(decision).toEqual(ALLOWED);
    else expectRefusedInBothLanguages(decision);
  });
});

describe('decideUnitItemsAccess', () => {
  it.each(ROLES)('lets %s list the items of their own unit', (role) => {
    expect(decideUnitItemsAccess(actor([role], ELDERLY), ELDERLY)).toEqual(ALLOWED);
  });

  it.each(['staff', 'unit_head'] as const)(
    "refuses %s another unit's list exactly as reading one of its items",
    (role) => {
      const outsider = actor([role], ELDERLY);
      expect(decideUnitItemsAccess(outsider, CHILDREN)).toEqual(
        decideItemAccess(outsider, item(CHILDREN), 'read'),
      );
      expectRefusedInBothLanguages(decideUnitItemsAccess(outsider, CHILDREN));
    },
  );

  it.each(['supervisor', 'auditor', 'leader', 'principal_leader', 'admin'] as const)(
    "lets %s list any unit's items, as they read every item",
    (role) => {
      expect(decideUnitItemsAccess(actor([role], OFFICE), CHILDREN)).toEqual(ALLOWED);
    },
  );

  it('does not let a person without a unit list anything but as a reader of every item', () => {
    expectRefusedInBothLanguages(decideUnitItemsAccess(actor(['staff'], null), CHILDREN));
  });
});

describe('isItemUnit and isLeaderInCharge', () => {
  it('counts the lead unit and every co-unit, and no other', () => {
    const shared = item(CHILDREN, [ELDERLY]);
    expect(isItemUnit({ unitId: CHILDREN }, shared)).toBe(true);
    expect(isItemUnit({ unitId: ELDERLY }, shared)).toBe(true);
    expect(isItemUnit({ unitId: ASSISTANCE }, shared)).toBe(false);
    expect(isItemUnit({ unitId: null }, item(null))).toBe(false);
  });

  it('takes the leader named on the item over the charge of the lead unit', () => {
    const zhang = { userId: 'zhang', chargeUnitIds: [ELDERLY] };
    expect(isLeaderInCharge(zhang, item(ELDERLY))).toBe(true);
    expect(isLeaderInCharge(zhang, item(ELDERLY, [], 'wang'))).toBe(false);
    expect(isLeaderInCharge(zhang, item(CHILDREN, [], 'zhang'))).toBe(true);
    expect(isLeaderInCharge(zhang, item(null))).toBe(false);
  });
});
