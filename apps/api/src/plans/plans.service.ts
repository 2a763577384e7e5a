import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  DomainException,
  DomainExceptionCode,
  assertPlanEditable,
  decideItemAccess,
  readEscalationPolicy,
  type AuditActorRef,
  type ConfirmPreview,
  type PastDueChoice,
  type WorkItemResponsibility,
  validateItemEdit,
  validateSectionEdit,
  validateTargets,
} from '@duban/domain';
import {
  OrgRepository,
  PlanRepository,
  PlanTextTooLongError,
  type ItemChanges,
  type PlanSummary,
  type SavedPlan,
  type StoredPlan,
  type StoredPlanItem,
} from '@duban/persistence';
import { PlanIssueCode, parsePlanBytes, parsePlanText, type PlanIssue } from '@duban/plan-parser';
import { AccessService } from '../auth/access.service';
import { auditCaller } from '../auth/audit-actor';
import type { Caller } from '../auth/access.decorator';
import { ResponsibilityValidator } from '../supervision/responsibility.validator';
import {
  SupervisionStarter,
  type SupervisionStart,
} from '../supervision/supervision-starter.service';
import type { PlanUpload } from './plan-upload';

interface RejectionIssue {
  readonly code: string;
  readonly line: number | null;
  readonly message: string;
  readonly messageEn: string;
}

function documentRejected(
  errors: readonly RejectionIssue[],
  warnings: readonly PlanIssue[],
): DomainException {
  return new DomainException(
    DomainExceptionCode.DocumentRejected,
    `文档无法导入：${errors.map((e) => e.message).join('；')}`,
    {
      messageEn: `the document cannot be imported: ${errors.map((e) => e.messageEn).join('; ')}`,
      errors,
      warnings,
    },
  );
}

function sha256(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

function pastDueChoiceRequired(preview: ConfirmPreview): DomainException {
  return new DomainException(
    DomainExceptionCode.InvalidInput,
    `计划中有 ${preview.overdueItems} 项事项已逾期，${preview.lateSteps} 个提醒或升级步骤已过期：请选择 pastDue=notify（向 ${preview.notices.catchUp} 人各发一份补发汇总）或 pastDue=skip（不补发）后再确认`,
    {
      field: 'pastDue',
      messageEn: `${preview.overdueItems} items are already overdue and ${preview.lateSteps} reminder or escalation steps are past: confirm with pastDue=notify (one catch-up to each of ${preview.notices.catchUp} people) or pastDue=skip (none)`,
      preview,
    },
  );
}

@Injectable()
export class PlansService {
  private readonly logger = new Logger(PlansService.name);

  constructor(
    private readonly plans: PlanRepository,
    private readonly org: OrgRepository,
    private readonly access: AccessService,
    private readonly starter: SupervisionStarter,
    private readonly responsibility: ResponsibilityValidator,
  ) {}

  /**
   * Parses and stores a document as a draft. The same bytes imported again (for the same year,
   * when one is given) answer the plan already stored, whatever its state, without parsing them
   * a second time; given another year than the title's, they make a plan of that year.
   */
  async import(upload: PlanUpload, caller: Caller): Promise<SavedPlan> {
    const bytes = upload.kind === 'file' ? upload.bytes : Buffer.from(upload.text, 'utf8');
    const documentHash = sha256(bytes);
    // A document given another year than its own is another plan: its dates move with the year.
    const movedHash = upload.year === undefined ? null : sha256(`year:${upload.year}\n`, bytes);
    const existing =
      (movedHash && (await this.plans.findByHash(movedHash))) ??
      (await this.plans.findByHash(documentHash));
    if (existing && (upload.year === undefined || existing.year === upload.year)) {
      return { plan: existing, created: false };
    }
    const result =
      upload.kind === 'file'
        ? await parsePlanBytes(bytes, { year: upload.year, fileName: upload.fileName })
        : parsePlanText(upload.text, { year: upload.year });
    if (!result.ok) throw documentRejected(result.errors, result.warnings);
    const moved = result.plan.warnings.some((w) => w.code === PlanIssueCode.YearMismatch);
    const contentHash = moved && movedHash ? movedHash : documentHash;
    let saved: SavedPlan;
    try {
      saved = await this.plans.save(
        { contentHash, sourceName: upload.fileName, plan: result.plan },
        new Date(),
        auditCaller(caller),
      );
    } catch (error) {
      if (!(error instanceof PlanTextTooLongError)) throw error;
      throw documentRejected(
        [
          {
            code: 'TEXT_TOO_LONG',
            line: null,
            message: `文档中有一段内容超出存储上限（${error.column}），请检查标题与正文的分段`,
            messageEn: `a passage exceeds the storage limit (${error.column}); check how headings and bodies are split`,
          },
        ],
        result.plan.warnings,
      );
    }
    if (saved.created) {
      const items = saved.plan.sections.reduce((n, s) => n + s.items.length, 0);
      this.logger.log(
        `imported plan ${saved.plan.id} "${saved.plan.title}" (${saved.plan.year}): ${saved.plan.sections.length} sections, ${items} items`,
      );
    }
    return saved;
  }

  list(): Promise<PlanSummary[]> {
    return this.plans.list();
  }

  /** The plan as the actor may see it: a unit's people see only their unit's items. */
  async find(planId: string, caller: Caller): Promise<StoredPlan> {
    const plan = await this.findAll(planId);
    const visible = (item: StoredPlanItem) =>
      decideItemAccess(caller.actor, item.responsibility, 'read').allowed;
    return {
      ...plan,
      sections: plan.sections.map((section) => ({
        ...section,
        items: section.items.filter(visible),
      })),
    };
  }

  /** One item; refused (and recorded) when the actor's unit does not answer for it. */
  async findItem(planId: string, itemId: string, caller: Caller): Promise<StoredPlanItem> {
    const item = this.item(await this.findAll(planId), itemId);
    await this.access.assertItem(caller.actor, { id: item.id, ...item.responsibility }, 'read', {
      action: 'item.read',
      ip: caller.ip,
    });
    return item;
  }

  /** The draft's reminder and escalation policy, given as data (see EscalationPolicy). */
  async setEscalationPolicy(planId: string, input: unknown, caller: Caller): Promise<StoredPlan> {
    await this.draft(planId);
    const policy = readEscalationPolicy(input);
    return this.applyEdit(planId, caller, (now, by) =>
      this.plans.setEscalationPolicy(planId, policy, now, by),
    );
  }

  /** Names the lead unit, co-units, leader in charge and responsible person of a draft's item. */
  async assign(
    planId: string,
    itemId: string,
    responsibility: WorkItemResponsibility,
    caller: Caller,
  ): Promise<StoredPlan> {
    const plan = await this.draft(planId);
    this.item(plan, itemId);
    await this.responsibility.assert(responsibility);
    return this.applyEdit(planId, caller, (now, by) =>
      this.plans.updateItem(planId, itemId, responsibility, now, by),
    );
  }

  private async findAll(planId: string): Promise<StoredPlan> {
    const plan = await this.plans.findById(planId);
    if (!plan) throw new DomainException(DomainExceptionCode.NotFound, `计划 ${planId} 不存在`);
    return plan;
  }

  async editSection(
    planId: string,
    sectionNo: number,
    input: Readonly<Record<string, unknown>>,
    caller: Caller,
  ): Promise<StoredPlan> {
    const plan = await this.draft(planId);
    if (!plan.sections.some((section) => section.no === sectionNo)) {
      throw new DomainException(
        DomainExceptionCode.NotFound,
        `计划 ${planId} 没有第 ${sectionNo} 部分`,
      );
    }
    const { title } = validateSectionEdit(input);
    return this.applyEdit(planId, caller, (now, by) =>
      this.plans.updateSectionTitle(planId, sectionNo, title, now, by),
    );
  }

  async editItem(
    planId: string,
    itemId: string,
    input: Readonly<Record<string, unknown>>,
    caller: Caller,
  ): Promise<StoredPlan> {
    const plan = await this.draft(planId);
    const item = this.item(plan, itemId);
    const edit = validateItemEdit(input, plan.year);
    const changes: ItemChanges = {
      ...edit,
      // The phrase the parser read the date from no longer explains a date set by hand.
      ...(edit.due !== undefined && edit.due !== item.due && { dueSource: null }),
    };
    return this.applyEdit(planId, caller, (now, by) =>
      this.plans.updateItem(planId, itemId, changes, now, by),
    );
  }

  async replaceTargets(
    planId: string,
    itemId: string,
    input: unknown,
    caller: Caller,
  ): Promise<StoredPlan> {
    const plan = await this.draft(planId);
    this.item(plan, itemId);
    const targets = validateTargets(input);
    return this.applyEdit(planId, caller, (now, by) =>
      this.plans.replaceTargets(planId, itemId, targets, now, by),
    );
  }

  /** What confirming the plan now would send (the same rules the workflows follow). */
  async confirmPreview(planId: string): Promise<ConfirmPreview> {
    return this.starter.preview(await this.findAll(planId));
  }

  /**
   * Freezes the plan and starts its supervision. A draft whose ladders already have steps in the
   * past needs the supervisor's choice: a catch-up per person, or nothing. Confirming again
   * changes nothing and starts nothing new; it retries starting supervision, should Temporal have
   * been down the first time.
   */
  async confirm(
    planId: string,
    caller: Caller,
    pastDue?: PastDueChoice,
  ): Promise<StoredPlan & { readonly supervision: SupervisionStart }> {
    const plan = await this.findAll(planId);
    if (plan.status === 'draft' && pastDue === undefined) {
      const preview = await this.starter.preview(plan);
      if (preview.choiceRequired) throw pastDueChoiceRequired(preview);
    }
    if (
      plan.status === 'draft' &&
      (await this.plans.confirm(planId, new Date(), auditCaller(caller)))
    ) {
      this.logger.log(`confirmed plan ${planId}`);
    }
    const confirmed = await this.findAll(planId);
    return {
      ...confirmed,
      supervision: await this.starter.start(confirmed, pastDue ?? 'notify'),
    };
  }

  private async draft(planId: string): Promise<StoredPlan> {
    const plan = await this.findAll(planId);
    assertPlanEditable(plan.status);
    return plan;
  }

  private item(plan: StoredPlan, itemId: string): StoredPlanItem {
    const item = plan.sections.flatMap((s) => s.items).find((i) => i.id === itemId);
    if (!item) {
      throw new DomainException(DomainExceptionCode.NotFound, `计划 ${plan.id} 没有事项 ${itemId}`);
    }
    return item;
  }

  private async applyEdit(
    planId: string,
    caller: Caller,
    edit: (now: Date, by: AuditActorRef) => Promise<boolean>,
  ): Promise<StoredPlan> {
    // False: a confirm committed between our read and this write, so it came first.
    if (!(await edit(new Date(), auditCaller(caller)))) assertPlanEditable('confirmed');
    return this.findAll(planId);
  }
}
