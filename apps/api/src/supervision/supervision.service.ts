import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { COMMAND_REFUSED, workItemCommandUpdate, workItemWorkflowId } from '@duban/contracts';
import {
  DomainException,
  DomainExceptionCode,
  decideItemAccess,
  itemLight,
  itemOverdue,
  milestoneLight,
  readWorkItemCommand,
  type CommandDecision,
  type ItemStatus,
  type TrafficLight,
  type WorkItemState,
} from '@duban/domain';
import {
  AuditRepository,
  EvidenceRepository,
  PlanRepository,
  SupervisionRepository,
  type EvidenceView,
  type ItemView,
  type ProjectedMilestone,
  type StoredPlanItem,
  type TimelineEntry,
} from '@duban/persistence';
import type { Caller } from '../auth/access.decorator';
import { AccessService } from '../auth/access.service';
import { auditActor } from '../auth/audit-actor';
import { ResponsibilityValidator } from './responsibility.validator';

export interface SupervisedItem extends Omit<ItemView, 'milestones'> {
  readonly light: TrafficLight;
  readonly overdue: boolean;
  readonly milestones: readonly (ProjectedMilestone & { readonly light: TrafficLight })[];
}

export interface ItemFilter {
  readonly unitId?: string;
  readonly light?: TrafficLight;
  readonly overdue?: boolean;
  readonly responsibleId?: string;
}

type Refusal = Extract<CommandDecision, { ok: false }>;

const REFUSAL_CODES: Readonly<Record<Refusal['code'], DomainExceptionCode>> = {
  FORBIDDEN: DomainExceptionCode.Forbidden,
  CONFLICT: DomainExceptionCode.Conflict,
  INVALID_INPUT: DomainExceptionCode.InvalidInput,
};

/** The lights, worked out now from the facts the read model keeps (one rule, in libs/domain). */
function supervised(view: ItemView, now: string): SupervisedItem {
  const status = view.status as ItemStatus;
  const milestones = view.milestones.map((m) => ({ ...m, light: milestoneLight(status, m, now) }));
  return {
    ...view,
    milestones,
    light: itemLight({ ...view, status }, now),
    overdue: itemOverdue({ ...view, status }, now),
  };
}

function matches(item: SupervisedItem, filter: ItemFilter): boolean {
  return (
    (!filter.unitId ||
      item.leadUnitId === filter.unitId ||
      item.coUnitIds.includes(filter.unitId)) &&
    (!filter.light || item.light === filter.light) &&
    (filter.overdue === undefined || item.overdue === filter.overdue) &&
    (!filter.responsibleId || item.responsibleId === filter.responsibleId)
  );
}

function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof WorkflowUpdateFailedError)) return null;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== COMMAND_REFUSED) return null;
  return (cause.details?.[0] as Refusal | undefined) ?? null;
}

/** Commands to work items (as workflow Updates) and the read model's views of them. */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly temporal: Client,
    private readonly plans: PlanRepository,
    private readonly supervision: SupervisionRepository,
    private readonly audit: AuditRepository,
    private readonly access: AccessService,
    private readonly evidence: EvidenceRepository,
    private readonly responsibility: ResponsibilityValidator,
  ) {}

  async command(
    planId: string,
    itemId: string,
    input: unknown,
    caller: Caller,
  ): Promise<WorkItemState> {
    const item = await this.planItem(planId, itemId);
    const command = readWorkItemCommand(input);
    if (command.type === 'assign') await this.responsibility.assert(command);
    const action = `item.${command.type}`;
    const handle = this.temporal.workflow.getHandle(workItemWorkflowId(planId, item.no));
    try {
      const state = await handle.executeUpdate(workItemCommandUpdate, {
        args: [{ actor: caller.actor, command }],
      });
      await this.audit.append({
        action,
        outcome: 'ok',
        actor: auditActor(caller.actor),
        targetType: 'item',
        targetId: itemId,
        after: command,
        ip: caller.ip,
      });
      return state;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        throw new DomainException(
          DomainExceptionCode.Conflict,
          '该事项尚未开始督办：请先确认计划',
          {
            messageEn: 'the item is not under supervision yet: confirm the plan first',
          },
        );
      }
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      await this.access.recordRefusal({
        action,
        actor: caller.actor,
        targetType: 'item',
        targetId: itemId,
        reason: refusal.reasonEn,
        ip: caller.ip,
      });
      throw new DomainException(REFUSAL_CODES[refusal.code], refusal.reason, {
        ...(refusal.field !== undefined && { field: refusal.field }),
        messageEn: refusal.reasonEn,
      });
    }
  }

  /** The plan's supervised items the caller may see, filtered. */
  async items(planId: string, filter: ItemFilter, caller: Caller): Promise<SupervisedItem[]> {
    const now = new Date().toISOString();
    const views = await this.supervision.items({ planId });
    return views
      .filter((view) => decideItemAccess(caller.actor, responsibilityOf(view), 'read').allowed)
      .map((view) => supervised(view, now))
      .filter((item) => matches(item, filter));
  }

  /** Every supervised item a unit leads or co-handles, across plans. */
  async unitItems(unitId: string, caller: Caller): Promise<SupervisedItem[]> {
    const now = new Date().toISOString();
    const views = await this.supervision.items({ unitId });
    return views
      .filter((view) => decideItemAccess(caller.actor, responsibilityOf(view), 'read').allowed)
      .map((view) => supervised(view, now));
  }

  async item(planId: string, itemId: string, caller: Caller): Promise<SupervisedItem> {
    const view = await this.assertItemAccess(
      planId,
      itemId,
      caller,
      'read',
      'item.read-supervision',
    );
    return supervised(view, new Date().toISOString());
  }

  async timeline(planId: string, itemId: string, caller: Caller): Promise<TimelineEntry[]> {
    const view = await this.assertItemAccess(planId, itemId, caller, 'read', 'item.read-timeline');
    return this.supervision.timeline(view.workflowId);
  }

  /** Throws 403 (recorded) unless the caller may `what` the supervised item. */
  async assertItemAccess(
    planId: string,
    itemId: string,
    caller: Caller,
    what: 'read' | 'act',
    action: string,
  ): Promise<ItemView> {
    const view = await this.supervision.item(itemId);
    if (!view || view.planId !== planId) {
      throw new DomainException(DomainExceptionCode.NotFound, `事项 ${itemId} 不在督办中`);
    }
    await this.access.assertItem(caller.actor, { id: itemId, ...responsibilityOf(view) }, what, {
      action,
      ip: caller.ip,
    });
    return view;
  }

  /** An evidence file, if the caller may read the item it was given for. */
  async readableEvidence(id: string, caller: Caller): Promise<EvidenceView> {
    const evidence = await this.evidence.find(id);
    if (!evidence) throw new DomainException(DomainExceptionCode.NotFound, `材料 ${id} 不存在`);
    await this.assertItemAccess(
      evidence.planId,
      evidence.itemId,
      caller,
      'read',
      'evidence.download',
    );
    return evidence;
  }

  private async planItem(planId: string, itemId: string): Promise<StoredPlanItem> {
    const plan = await this.plans.findById(planId);
    const item = plan?.sections.flatMap((s) => s.items).find((i) => i.id === itemId);
    if (!item)
      throw new DomainException(DomainExceptionCode.NotFound, `计划 ${planId} 没有事项 ${itemId}`);
    return item;
  }
}

function responsibilityOf(view: ItemView) {
  return { leadUnitId: view.leadUnitId, coUnitIds: view.coUnitIds, leaderId: view.leaderId };
}
