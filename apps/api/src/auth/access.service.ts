import { Injectable } from '@nestjs/common';
import {
  DomainException,
  DomainExceptionCode,
  decideItemAccess,
  decideUnitItemsAccess,
  type AccessDecision,
  type Actor,
  type ItemAction,
  type ItemResponsibility,
} from '@duban/domain';
import { AuditRepository } from '@duban/persistence';
import { auditActor } from './audit-actor';

export interface RefusalContext {
  readonly action: string;
  readonly ip: string | null;
}

export interface RefusalRecord {
  readonly action: string;
  readonly actor: Actor | null;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly reason: string;
  readonly ip: string | null;
}

/** Item-level decisions, and the one way a refusal reaches the audit trail. */
@Injectable()
export class AccessService {
  constructor(private readonly audit: AuditRepository) {}

  async recordRefusal(refusal: RefusalRecord): Promise<void> {
    await this.audit.append({
      ...refusal,
      outcome: 'refused',
      actor: refusal.actor && auditActor(refusal.actor),
    });
  }

  /** Throws 403 (and records the refusal) unless the actor may do `what` to the item. */
  assertItem(
    actor: Actor,
    item: ItemResponsibility & { readonly id: string },
    what: ItemAction,
    context: RefusalContext,
  ): Promise<void> {
    return this.enforce(decideItemAccess(actor, item, what), actor, 'item', item.id, context);
  }

  /** Throws 403 (and records the refusal) unless the actor may list the unit's items. */
  assertUnitItems(actor: Actor, unitId: string, context: RefusalContext): Promise<void> {
    return this.enforce(decideUnitItemsAccess(actor, unitId), actor, 'unit', unitId, context);
  }

  private async enforce(
    decision: AccessDecision,
    actor: Actor,
    targetType: string,
    targetId: string,
    context: RefusalContext,
  ): Promise<void> {
    if (decision.allowed) return;
    await this.recordRefusal({
      action: context.action,
      actor,
      targetType,
      targetId,
      reason: decision.reasonEn,
      ip: context.ip,
    });
    throw new DomainException(DomainExceptionCode.Forbidden, decision.reason, {
      messageEn: decision.reasonEn,
    });
  }
}
