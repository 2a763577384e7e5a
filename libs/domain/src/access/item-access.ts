import { hasPermission } from './permissions';
import type { Actor, Role } from './roles';

/** Who is responsible for an item: what item-level access is decided on. */
export interface ItemResponsibility {
  readonly leadUnitId: string | null;
  readonly coUnitIds: readonly string[];
  /** The leader in charge named on the item; when absent, whoever is in charge of the lead unit. */
  readonly leaderId: string | null;
}

export type ItemAction = 'read' | 'act' | 'approve';

export type AccessDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: string; readonly reasonEn: string };

const ALLOWED: AccessDecision = { allowed: true };

/** Roles that see every item; the others see the items of their own unit. */
const READS_EVERY_ITEM: readonly Role[] = [
  'admin',
  'supervisor',
  'principal_leader',
  'leader',
  'auditor',
];

function refused(reason: string, reasonEn: string): AccessDecision {
  return { allowed: false, reason, reasonEn };
}

/** One answer for every read of another unit's work, one item or its list alike. */
const NOT_YOUR_UNIT = refused('该事项不属于您所在单位', 'the item does not belong to your unit');

function readsEveryItem(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((role) => READS_EVERY_ITEM.includes(role));
}

export function isItemUnit(actor: Pick<Actor, 'unitId'>, item: ItemResponsibility): boolean {
  return (
    actor.unitId !== null &&
    (item.leadUnitId === actor.unitId || item.coUnitIds.includes(actor.unitId))
  );
}

export function isLeaderInCharge(
  actor: Pick<Actor, 'userId' | 'chargeUnitIds'>,
  item: ItemResponsibility,
): boolean {
  if (item.leaderId !== null) return item.leaderId === actor.userId;
  return item.leadUnitId !== null && actor.chargeUnitIds.includes(item.leadUnitId);
}

/**
 * The one item-level rule, used by the API and by the workflow Update validators alike: units act
 * on their own items, leaders approve the items they are in charge of.
 */
export function decideItemAccess(
  actor: Actor,
  item: ItemResponsibility,
  action: ItemAction,
): AccessDecision {
  switch (action) {
    case 'read':
      return readsEveryItem(actor) || isItemUnit(actor, item) ? ALLOWED : NOT_YOUR_UNIT;
    case 'act':
      if (!hasPermission(actor, 'item:act')) {
        return refused('您的角色不能办理事项', 'your role cannot act on items');
      }
      return isItemUnit(actor, item)
        ? ALLOWED
        : refused(
            '只有牵头单位或配合单位可以办理该事项',
            'only the lead unit or a co-unit may act on the item',
          );
    case 'approve':
      if (!hasPermission(actor, 'item:approve')) {
        return refused('只有分管领导可以审核', 'only the leader in charge may approve');
      }
      return isLeaderInCharge(actor, item)
        ? ALLOWED
        : refused('您不是该事项的分管领导', 'you are not the leader in charge of the item');
  }
}

/**
 * Who may list the items a unit leads or co-handles: whoever reads every item, and the unit's own
 * people; others are refused as reading one of its items would refuse them.
 */
export function decideUnitItemsAccess(
  actor: Pick<Actor, 'roles' | 'unitId'>,
  unitId: string,
): AccessDecision {
  return readsEveryItem(actor) || actor.unitId === unitId ? ALLOWED : NOT_YOUR_UNIT;
}

export interface ResponsibilityProblem {
  readonly field: 'leadUnitId' | 'coUnitIds';
  readonly message: string;
  readonly messageEn: string;
}

/** What is wrong with a responsibility in itself (whether its units exist is for the caller). */
export function responsibilityProblem(
  responsibility: Pick<ItemResponsibility, 'leadUnitId' | 'coUnitIds'>,
): ResponsibilityProblem | null {
  const { leadUnitId, coUnitIds } = responsibility;
  if (leadUnitId !== null && coUnitIds.includes(leadUnitId)) {
    return {
      field: 'coUnitIds',
      message: '牵头单位不能同时是配合单位',
      messageEn: 'the lead unit cannot also be a co-unit',
    };
  }
  if (new Set(coUnitIds).size !== coUnitIds.length) {
    return { field: 'coUnitIds', message: '配合单位重复', messageEn: 'a co-unit is listed twice' };
  }
  return null;
}
