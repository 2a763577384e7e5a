import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  COMMAND_REFUSED,
  workItemCommandUpdate,
  workItemWorkflowId,
  type WorkItemRequest,
} from '@duban/contracts';
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
  type WorkItemCommand,
  type WorkItemState,
} from '@duban/domain';
import {
  AuditRepository,
  EvidenceRepository,
  PlanRepository,
  SupervisionRepository,
  type EvidenceView,
  type ItemView,
  type OrgNames,
  type ProjectedMilestone,
  type StoredPlan,
  type StoredPlanItem,
  type TimelineEntry,
} from '@duban/persistence';
import type { Caller } from '../auth/access.decorator';
import { AccessService } from '../auth/access.service';
import { auditActor } from '../auth/audit-actor';
import { ResponsibilityValidator } from './responsibility.validator';

/** A unit as a list shows it; the name is null when the unit no longer exists. */
export interface NamedUnit {
  readonly id: string;
  readonly name: string | null;
}

export type SupervisedMilestone = ProjectedMilestone & { readonly light: TrafficLight };

export interface SupervisedItem extends Omit<ItemView, 'milestones'> {
  readonly light: TrafficLight;
  readonly overdue: boolean;
  readonly milestones: readonly SupervisedMilestone[];
  readonly leadUnitName: string | null;
  readonly coUnits: readonly NamedUnit[];
  readonly leaderName: string | null;
  readonly responsibleName: string | null;
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

/**
 * The lights, worked out now from the facts the read model keeps (one rule, in libs/domain), and
 * the names of the units and people, so a client needs no lookups of its own.
 */
function supervised(view: ItemView, now: string, names: OrgNames): SupervisedItem {
  const status = view.status as ItemStatus;
  const milestones = view.milestones.map((m) => ({ ...m, light: milestoneLight(status, m, now) }));
  const nameIn = (map: ReadonlyMap<string, string>, id: string | null) =>
    id === null ? null : (map.get(id) ?? null);
  return {
    ...view,
    milestones,
    light: itemLight({ ...view, status }, now),
    overdue: itemOverdue({ ...view, status }, now),
    leadUnitName: nameIn(names.units, view.leadUnitId),
    coUnits: view.coUnitIds.map((id) => ({ id, name: nameIn(names.units, id) })),
    leaderName: nameIn(names.people, view.leaderId),
    responsibleName: nameIn(names.people, view.responsibleId),
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
    const { plan, item } = await this.planItem(planId, itemId);
    const action = `item.${commandTypeOf(input)}`;
    // Every refusal is recorded, whether the input, the plan's state or the workflow refused it.
    const refused = async (error: DomainException) => {
      await this.access.recordRefusal({
        action,
        actor: caller.actor,
        targetType: 'item',
        targetId: itemId,
        reason: String(error.details['messageEn'] ?? error.message),
        ip: caller.ip,
      });
      return error;
    };
    let command: WorkItemCommand;
    try {
      command = readWorkItemCommand(input);
      if (command.type === 'assign') await this.responsibility.assert(command);
    } catch (error) {
      throw error instanceof DomainException ? await refused(error) : error;
    }
    if (plan.status === 'draft') throw await refused(notSupervisedYet());
    try {
      const state = await this.update(workItemWorkflowId(planId, item.no), {
        actor: caller.actor,
        command,
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
      if (error instanceof WorkflowNotFoundError) throw await refused(supervisionStarting());
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      throw await refused(
        new DomainException(REFUSAL_CODES[refusal.code], refusal.reason, {
          ...(refusal.field !== undefined && { field: refusal.field }),
          messageEn: refusal.reasonEn,
        }),
      );
    }
  }

  /**
   * The command as a workflow Update. A confirmed plan starts its items' workflows in batches
   * moments after confirm answers: a command that comes that soon waits for its item's workflow.
   */
  private async update(workflowId: string, request: WorkItemRequest): Promise<WorkItemState> {
    const handle = this.temporal.workflow.getHandle(workflowId);
    const deadline = Date.now() + WORKFLOW_START_WAIT_MS;
    for (;;) {
      try {
        return await handle.executeUpdate(workItemCommandUpdate, { args: [request] });
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError) || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  /** The plan's supervised items the caller may see, filtered. */
  async items(planId: string, filter: ItemFilter, caller: Caller): Promise<SupervisedItem[]> {
    const items = await this.readable(await this.supervision.items({ planId }), caller);
    return items.filter((item) => matches(item, filter));
  }

  /** Every supervised item a unit leads or co-handles, across plans. */
  async unitItems(unitId: string, caller: Caller): Promise<SupervisedItem[]> {
    await this.access.assertUnitItems(caller.actor, unitId, {
      action: 'supervision.unit-items',
      ip: caller.ip,
    });
    return this.readable(await this.supervision.items({ unitId }), caller);
  }

  /** The views the caller may read, as supervised items, with one name lookup for all. */
  private async readable(views: ItemView[], caller: Caller): Promise<SupervisedItem[]> {
    const now = new Date().toISOString();
    const visible = views.filter(
      (view) => decideItemAccess(caller.actor, responsibilityOf(view), 'read').allowed,
    );
    const names = await this.supervision.orgNames(visible);
    return visible.map((view) => supervised(view, now, names));
  }

  async item(planId: string, itemId: string, caller: Caller): Promise<SupervisedItem> {
    const view = await this.assertItemAccess(
      planId,
      itemId,
      caller,
      'read',
      'item.read-supervision',
    );
    return supervised(view, new Date().toISOString(), await this.supervision.orgNames([view]));
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

  private async planItem(
    planId: string,
    itemId: string,
  ): Promise<{ plan: StoredPlan; item: StoredPlanItem }> {
    const plan = await this.plans.findById(planId);
    const item = plan?.sections.flatMap((s) => s.items).find((i) => i.id === itemId);
    if (!plan || !item)
      throw new DomainException(DomainExceptionCode.NotFound, `计划 ${planId} 没有事项 ${itemId}`);
    return { plan, item };
  }
}

/** How long a command waits for the workflow of an item whose plan was just confirmed. */
const WORKFLOW_START_WAIT_MS = 10_000;

/** The command's type as the audit trail names it, even when the rest of the input is wrong. */
function commandTypeOf(input: unknown): string {
  const type = (input as { type?: unknown } | null)?.type;
  return typeof type === 'string' && /^[a-zA-Z]{1,32}$/.test(type) ? type : 'command';
}

function notSupervisedYet(): DomainException {
  return new DomainException(DomainExceptionCode.Conflict, '该事项尚未开始督办：请先确认计划', {
    messageEn: 'the item is not under supervision yet: confirm the plan first',
  });
}

function supervisionStarting(): DomainException {
  return new DomainException(DomainExceptionCode.Conflict, '该事项的督办流程正在启动，请稍后再试', {
    messageEn: 'supervision of the item is still starting: try again in a moment',
  });
}

function responsibilityOf(view: ItemView) {
  return { leadUnitId: view.leadUnitId, coUnitIds: view.coUnitIds, leaderId: view.leaderId };
}
