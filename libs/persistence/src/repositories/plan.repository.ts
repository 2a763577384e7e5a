import { randomUUID } from 'node:crypto';
import {
  In,
  QueryFailedError,
  type DataSource,
  type EntityManager,
  type ObjectLiteral,
} from 'typeorm';
import { transaction } from '../transaction';
import type {
  AuditActorRef,
  EscalationPolicy,
  PlanStatus,
  WorkItemResponsibility,
} from '@duban/domain';
import type { ParsedPlan, PlanItem, PlanSection, PlanTarget } from '@duban/plan-parser';
import { OrgUnitEntity } from '../entities/org-unit.entity';
import { PlanItemCoUnitEntity } from '../entities/plan-item-co-unit.entity';
import { PlanItemEntity } from '../entities/plan-item.entity';
import { PlanSectionEntity } from '../entities/plan-section.entity';
import { PlanTargetEntity } from '../entities/plan-target.entity';
import { PlanEntity } from '../entities/plan.entity';
import type { AuditRepository } from './audit.repository';

/** A plan as stored: the parser's shape, plus row ids and the review state. */
export interface StoredPlan extends Omit<ParsedPlan, 'sections'> {
  readonly id: string;
  readonly status: PlanStatus;
  /** Null: the default policy applies. */
  readonly escalationPolicy: EscalationPolicy | null;
  readonly contentHash: string;
  readonly sourceName: string | null;
  readonly sections: readonly StoredPlanSection[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly confirmedAt: string | null;
}

export interface StoredPlanSection extends Omit<PlanSection, 'items'> {
  readonly id: string;
  readonly items: readonly StoredPlanItem[];
}

export interface StoredPlanItem extends PlanItem {
  readonly id: string;
  /** Who answers for the item: decides who sees it, acts on it and approves it. */
  readonly responsibility: WorkItemResponsibility;
}

export interface PlanSummary {
  readonly id: string;
  readonly title: string;
  readonly year: number;
  readonly status: PlanStatus;
  readonly sourceName: string | null;
  readonly counts: { readonly sections: number; readonly items: number; readonly targets: number };
  readonly createdAt: string;
  readonly confirmedAt: string | null;
}

export interface NewPlan {
  readonly contentHash: string;
  readonly sourceName: string | null;
  readonly plan: ParsedPlan;
}

export interface SavedPlan {
  readonly plan: StoredPlan;
  /** False when a plan with the same content hash was already there. */
  readonly created: boolean;
}

export interface ItemChanges {
  readonly title?: string;
  readonly due?: string;
  readonly dueSource?: string | null;
  readonly suggestedUnit?: string | null;
  readonly leadUnitId?: string | null;
  readonly leaderId?: string | null;
  readonly responsibleId?: string | null;
  readonly coUnitIds?: readonly string[];
}

/** The document holds text longer than a column allows (MySQL refuses it; SQLite has no limit). */
export class PlanTextTooLongError extends Error {
  constructor(readonly column: string) {
    super(`plan text too long for column ${column}`);
    this.name = 'PlanTextTooLongError';
  }
}

/** Rows per INSERT: keeps a large plan under SQLite's limit of bound parameters per statement. */
const INSERT_CHUNK = 200;

async function insertAll<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => T,
  rows: readonly T[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await manager.insert(entity, rows.slice(start, start + INSERT_CHUNK));
  }
}

function textTooLong(error: unknown): PlanTextTooLongError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; sqlMessage?: string } | undefined;
  if (driverError?.code !== 'ER_DATA_TOO_LONG') return undefined;
  return new PlanTextTooLongError(
    /column '([^']+)'/.exec(driverError.sqlMessage ?? '')?.[1] ?? '?',
  );
}

/**
 * Plans and their review. Every change records itself in the audit trail inside its own
 * transaction, so a change and its record commit together or not at all.
 */
export class PlanRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * Stores a parsed plan as a draft, all rows in one transaction. Idempotent by content hash:
   * a second import of the same bytes, even a concurrent one, answers the plan already stored.
   */
  async save(input: NewPlan, now: Date, by: AuditActorRef | null): Promise<SavedPlan> {
    const existing = await this.findByHash(input.contentHash);
    if (existing) return { plan: existing, created: false };
    const planId = randomUUID();
    try {
      await transaction(this.dataSource, async (manager) => {
        await insertPlan(manager, planId, input, now);
        const items = input.plan.sections.flatMap((section) => section.items);
        await this.audit.append(
          {
            action: 'plan.import',
            outcome: 'ok',
            actor: by,
            targetType: 'plan',
            targetId: planId,
            after: {
              title: input.plan.title,
              year: input.plan.year,
              contentHash: input.contentHash,
              sourceName: input.sourceName,
              sections: input.plan.sections.length,
              items: items.length,
            },
          },
          manager,
          now,
        );
      });
    } catch (error) {
      const raced = await this.findByHash(input.contentHash);
      if (raced) return { plan: raced, created: false };
      throw textTooLong(error) ?? error;
    }
    return { plan: await this.mustFind(planId), created: true };
  }

  findById(id: string): Promise<StoredPlan | null> {
    return transaction(this.dataSource, async (manager) => {
      const plan = await manager.findOneBy(PlanEntity, { id });
      return plan ? readPlan(manager, plan) : null;
    });
  }

  async title(id: string): Promise<string | null> {
    const plan = await this.dataSource.getRepository(PlanEntity).findOne({
      select: { title: true },
      where: { id },
    });
    return plan?.title ?? null;
  }

  findByHash(contentHash: string): Promise<StoredPlan | null> {
    return transaction(this.dataSource, async (manager) => {
      const plan = await manager.findOneBy(PlanEntity, { contentHash });
      return plan ? readPlan(manager, plan) : null;
    });
  }

  /** Newest first, with the number of sections, items and targets of each plan. */
  async list(): Promise<PlanSummary[]> {
    const manager = this.dataSource.manager;
    const plans = await manager.find(PlanEntity, { order: { createdAt: 'DESC', id: 'ASC' } });
    const count = async (query: () => Promise<{ planId: string; count: string | number }[]>) =>
      new Map((await query()).map((row) => [row.planId, Number(row.count)]));
    const [sections, items, targets] = await Promise.all([
      count(() =>
        manager
          .createQueryBuilder(PlanSectionEntity, 'section')
          .select('section.planId', 'planId')
          .addSelect('COUNT(*)', 'count')
          .groupBy('section.planId')
          .getRawMany(),
      ),
      count(() =>
        manager
          .createQueryBuilder(PlanItemEntity, 'item')
          .select('item.planId', 'planId')
          .addSelect('COUNT(*)', 'count')
          .groupBy('item.planId')
          .getRawMany(),
      ),
      count(() =>
        manager
          .createQueryBuilder(PlanTargetEntity, 'target')
          .innerJoin(PlanItemEntity, 'item', 'item.id = target.itemId')
          .select('item.planId', 'planId')
          .addSelect('COUNT(*)', 'count')
          .groupBy('item.planId')
          .getRawMany(),
      ),
    ]);
    return plans.map((plan) => ({
      id: plan.id,
      title: plan.title,
      year: plan.year,
      status: plan.status,
      sourceName: plan.sourceName,
      counts: {
        sections: sections.get(plan.id) ?? 0,
        items: items.get(plan.id) ?? 0,
        targets: targets.get(plan.id) ?? 0,
      },
      createdAt: plan.createdAt.toISOString(),
      confirmedAt: plan.confirmedAt?.toISOString() ?? null,
    }));
  }

  /** Returns false, changing nothing, when the plan is no longer a draft. */
  updateSectionTitle(
    planId: string,
    sectionNo: number,
    title: string,
    now: Date,
    by: AuditActorRef | null,
  ) {
    return this.editDraft(planId, now, by, 'plan.edit-section', async (manager) => {
      const section = await manager.findOneByOrFail(PlanSectionEntity, { planId, no: sectionNo });
      await manager.update(PlanSectionEntity, { id: section.id }, { title });
      return {
        targetType: 'section',
        targetId: section.id,
        before: { title: section.title },
        after: { title },
      };
    });
  }

  /** Returns false, changing nothing, when the plan is no longer a draft. */
  updateItem(
    planId: string,
    itemId: string,
    changes: ItemChanges,
    now: Date,
    by: AuditActorRef | null,
  ) {
    return this.editDraft(planId, now, by, 'plan.edit-item', async (manager) => {
      const row = await manager.findOneByOrFail(PlanItemEntity, { id: itemId, planId });
      const { coUnitIds, ...columns } = changes;
      const before: Record<string, unknown> = Object.fromEntries(
        Object.keys(columns).map((key) => [key, row[key as keyof typeof columns]]),
      );
      if (Object.keys(columns).length)
        await manager.update(PlanItemEntity, { id: itemId }, columns);
      if (coUnitIds) {
        before['coUnitIds'] = await coUnitsOf(manager, [itemId]).then((m) => m.get(itemId) ?? []);
        await manager.delete(PlanItemCoUnitEntity, { itemId });
        await insertAll(
          manager,
          PlanItemCoUnitEntity,
          [...new Set(coUnitIds)].map((unitId) => ({ itemId, unitId })),
        );
      }
      return { targetType: 'item', targetId: itemId, before, after: changes };
    });
  }

  /** Replaces the item's whole target list; false, changing nothing, when no longer a draft. */
  replaceTargets(
    planId: string,
    itemId: string,
    targets: readonly PlanTarget[],
    now: Date,
    by: AuditActorRef | null,
  ) {
    return this.editDraft(planId, now, by, 'plan.replace-targets', async (manager) => {
      const old = await manager.find(PlanTargetEntity, {
        where: { itemId },
        order: { position: 'ASC' },
      });
      await manager.delete(PlanTargetEntity, { itemId });
      await insertAll(manager, PlanTargetEntity, targetRows(itemId, targets));
      return { targetType: 'item', targetId: itemId, before: old.map(asTarget), after: targets };
    });
  }

  /** Sets the draft's escalation policy; false, changing nothing, when no longer a draft. */
  setEscalationPolicy(
    planId: string,
    policy: EscalationPolicy,
    now: Date,
    by: AuditActorRef | null,
  ): Promise<boolean> {
    return this.editDraft(planId, now, by, 'plan.set-policy', async (manager) => {
      const plan = await manager.findOneByOrFail(PlanEntity, { id: planId });
      await manager.update(PlanEntity, { id: planId }, { escalationPolicy: policy });
      return {
        targetType: 'plan',
        targetId: planId,
        before: plan.escalationPolicy,
        after: policy,
      };
    });
  }

  /** Freezes a draft; false when the plan is not a draft (already confirmed, or unknown). */
  confirm(planId: string, now: Date, by: AuditActorRef | null): Promise<boolean> {
    return this.editDraft(planId, now, by, 'plan.confirm', async (manager) => {
      await manager.update(PlanEntity, { id: planId }, { status: 'confirmed', confirmedAt: now });
      return {
        targetType: 'plan',
        targetId: planId,
        before: { status: 'draft' },
        after: { status: 'confirmed' },
      };
    });
  }

  /**
   * Runs an edit only while the plan is a draft. Touching the plan row first takes its lock
   * (InnoDB row lock, SQLite write lock), so an edit and a confirm cannot interleave: whichever
   * commits first wins, and an edit that comes second changes nothing.
   */
  private editDraft(
    planId: string,
    now: Date,
    by: AuditActorRef | null,
    action: string,
    edit: (manager: EntityManager) => Promise<DraftChange>,
  ): Promise<boolean> {
    return transaction(this.dataSource, async (manager) => {
      const touched = await manager.update(
        PlanEntity,
        { id: planId, status: 'draft' },
        { updatedAt: now },
      );
      if (!touched.affected) return false;
      const change = await edit(manager);
      await this.audit.append({ action, outcome: 'ok', actor: by, ...change }, manager, now);
      return true;
    });
  }

  private async mustFind(id: string): Promise<StoredPlan> {
    const plan = await this.findById(id);
    if (!plan) throw new Error(`plan ${id} vanished right after it was stored`);
    return plan;
  }
}

/** What an edit changed, for the audit trail. */
interface DraftChange {
  readonly targetType: string;
  readonly targetId: string;
  readonly before: unknown;
  readonly after: unknown;
}

function asTarget({
  text,
  quantity,
  unit,
  comparator,
  subject,
  per,
}: PlanTargetEntity): PlanTarget {
  return { text, quantity, unit, comparator, subject, per };
}

async function coUnitsOf(
  manager: EntityManager,
  itemIds: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = itemIds.length
    ? await manager.find(PlanItemCoUnitEntity, {
        where: { itemId: In([...itemIds]) },
        order: { unitId: 'ASC' },
      })
    : [];
  const map = new Map<string, string[]>();
  for (const row of rows) pushTo(map, row.itemId, row.unitId);
  return map;
}

function targetRows(itemId: string, targets: readonly PlanTarget[]): PlanTargetEntity[] {
  return targets.map((target, position) =>
    Object.assign(new PlanTargetEntity(), {
      id: randomUUID(),
      itemId,
      position,
      text: target.text,
      quantity: target.quantity,
      unit: target.unit,
      comparator: target.comparator,
      subject: target.subject,
      per: target.per,
    }),
  );
}

async function insertPlan(
  manager: EntityManager,
  planId: string,
  { contentHash, sourceName, plan }: NewPlan,
  now: Date,
): Promise<void> {
  await manager.insert(
    PlanEntity,
    Object.assign(new PlanEntity(), {
      id: planId,
      contentHash,
      title: plan.title,
      year: plan.year,
      preamble: plan.preamble,
      status: 'draft',
      sourceName,
      warnings: [...plan.warnings],
      createdAt: now,
      updatedAt: now,
      confirmedAt: null,
    }),
  );
  // A suggestion that names a known unit makes it the lead unit; the supervisor reviews it.
  const units = await manager.find(OrgUnitEntity);
  const unitIdByName = new Map(units.map((unit) => [unit.name, unit.id]));
  const sections: PlanSectionEntity[] = [];
  const items: PlanItemEntity[] = [];
  const targets: PlanTargetEntity[] = [];
  for (const section of plan.sections) {
    const sectionId = randomUUID();
    sections.push(
      Object.assign(new PlanSectionEntity(), {
        id: sectionId,
        planId,
        no: section.no,
        title: section.title,
        intro: section.intro,
        line: section.line,
      }),
    );
    for (const item of section.items) {
      const itemId = randomUUID();
      items.push(
        Object.assign(new PlanItemEntity(), {
          id: itemId,
          planId,
          sectionId,
          no: item.no,
          title: item.title,
          body: item.body,
          bodyMissing: item.bodyMissing,
          truncated: item.truncated,
          tasks: [...item.tasks],
          references: [...item.references],
          due: item.due,
          dueSource: item.dueSource,
          suggestedUnit: item.suggestedUnit,
          line: item.line,
          leadUnitId: (item.suggestedUnit && unitIdByName.get(item.suggestedUnit)) ?? null,
          leaderId: null,
          responsibleId: null,
        }),
      );
      targets.push(...targetRows(itemId, item.targets));
    }
  }
  await insertAll(manager, PlanSectionEntity, sections);
  await insertAll(manager, PlanItemEntity, items);
  await insertAll(manager, PlanTargetEntity, targets);
}

/** Appends to the list kept under a key. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function readPlan(manager: EntityManager, plan: PlanEntity): Promise<StoredPlan> {
  const sections = await manager.find(PlanSectionEntity, {
    where: { planId: plan.id },
    order: { no: 'ASC' },
  });
  const items = await manager.find(PlanItemEntity, {
    where: { planId: plan.id },
    order: { no: 'ASC' },
  });
  const targets = await manager
    .createQueryBuilder(PlanTargetEntity, 'target')
    .innerJoin(PlanItemEntity, 'item', 'item.id = target.itemId')
    .where('item.planId = :planId', { planId: plan.id })
    .orderBy('target.position', 'ASC')
    .getMany();
  const targetsOf = new Map<string, PlanTarget[]>();
  for (const target of targets) pushTo(targetsOf, target.itemId, asTarget(target));
  const coUnits = await coUnitsOf(
    manager,
    items.map((item) => item.id),
  );
  const itemsOf = new Map<string, StoredPlanItem[]>();
  for (const item of items) {
    pushTo(itemsOf, item.sectionId, {
      id: item.id,
      no: item.no,
      title: item.title,
      body: item.body,
      bodyMissing: item.bodyMissing,
      truncated: item.truncated,
      tasks: item.tasks,
      targets: targetsOf.get(item.id) ?? [],
      due: item.due,
      dueSource: item.dueSource,
      references: item.references,
      suggestedUnit: item.suggestedUnit,
      line: item.line,
      responsibility: {
        leadUnitId: item.leadUnitId,
        coUnitIds: coUnits.get(item.id) ?? [],
        leaderId: item.leaderId,
        responsibleId: item.responsibleId,
      },
    });
  }
  return {
    id: plan.id,
    status: plan.status,
    escalationPolicy: plan.escalationPolicy,
    contentHash: plan.contentHash,
    sourceName: plan.sourceName,
    title: plan.title,
    year: plan.year,
    preamble: plan.preamble,
    sections: sections.map((section) => ({
      id: section.id,
      no: section.no,
      title: section.title,
      intro: section.intro,
      line: section.line,
      items: itemsOf.get(section.id) ?? [],
    })),
    warnings: plan.warnings,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    confirmedAt: plan.confirmedAt?.toISOString() ?? null,
  };
}
