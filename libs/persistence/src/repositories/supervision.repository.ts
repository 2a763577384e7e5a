import { In, LessThan, type DataSource, type EntityManager } from 'typeorm';
import type { ItemStatus, Milestone, WorkItemState } from '@duban/domain';
import { OrgUnitEntity } from '../entities/org-unit.entity';
import { PersonEntity } from '../entities/person.entity';
import { WorkItemEventEntity } from '../entities/work-item-event.entity';
import { WorkItemStateEntity, type ProjectedMilestone } from '../entities/work-item-state.entity';
import { transaction } from '../transaction';

export interface ProjectedEvent {
  readonly type: string;
  readonly at: string;
  readonly actorId: string | null;
  readonly milestoneKey: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface Projection {
  readonly workflowId: string;
  readonly seq: number;
  readonly state: WorkItemState;
  readonly event: ProjectedEvent | null;
  readonly warningFrom: Readonly<Record<string, string>>;
}

export interface ItemView {
  readonly workflowId: string;
  readonly planId: string;
  readonly itemId: string;
  readonly itemNo: number;
  readonly title: string;
  readonly status: ItemStatus;
  readonly leadUnitId: string | null;
  readonly coUnitIds: readonly string[];
  readonly leaderId: string | null;
  readonly responsibleId: string | null;
  readonly milestones: readonly ProjectedMilestone[];
  readonly targetQuantities: readonly number[];
  readonly startedAt: string;
  readonly seq: number;
  readonly updatedAt: string;
}

/** Names of the units and people some items refer to, by id. */
export interface OrgNames {
  readonly units: ReadonlyMap<string, string>;
  readonly people: ReadonlyMap<string, string>;
}

export interface TimelineEntry extends ProjectedEvent {
  readonly seq: number;
}

function isDuplicate(error: unknown): boolean {
  const code = (error as { driverError?: { code?: string } }).driverError?.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
}

function itemView(row: WorkItemStateEntity): ItemView {
  return { ...row, status: row.status as ItemStatus, updatedAt: row.updatedAt.toISOString() };
}

/** The outbox notices go into, and the read model workflows project themselves onto. */
export class SupervisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Applies a projection idempotently: the timeline entry is keyed by (workflow, seq), and the
   * state row only ever moves forward in seq, whatever order retried activities arrive in.
   */
  project(projection: Projection, now: Date): Promise<void> {
    return transaction(this.dataSource, async (manager) => {
      if (projection.event) await insertEvent(manager, projection);
      const row = stateRow(projection, now);
      try {
        await manager.insert(WorkItemStateEntity, row);
      } catch (error) {
        if (!isDuplicate(error)) throw error;
        await manager.update(
          WorkItemStateEntity,
          { workflowId: projection.workflowId, seq: LessThan(projection.seq) },
          row,
        );
      }
    });
  }

  /** A plan's items, or a unit's (as lead or co-unit), in item order. */
  async items(filter: { planId?: string; unitId?: string }): Promise<ItemView[]> {
    const query = this.dataSource
      .getRepository(WorkItemStateEntity)
      .createQueryBuilder('item')
      .orderBy('item.planId')
      .addOrderBy('item.itemNo');
    if (filter.planId) query.andWhere('item.planId = :planId', { planId: filter.planId });
    if (filter.unitId) {
      // Co-units are a JSON list: LIKE narrows the rows, the exact check follows.
      query.andWhere('(item.leadUnitId = :unitId OR item.coUnitIds LIKE :pattern)', {
        unitId: filter.unitId,
        pattern: `%${filter.unitId}%`,
      });
    }
    const rows = await query.getMany();
    return rows
      .filter(
        (row) =>
          !filter.unitId ||
          row.leadUnitId === filter.unitId ||
          row.coUnitIds.includes(filter.unitId),
      )
      .map(itemView);
  }

  async item(itemId: string): Promise<ItemView | null> {
    const row = await this.dataSource.getRepository(WorkItemStateEntity).findOneBy({ itemId });
    return row ? itemView(row) : null;
  }

  /**
   * The names of every unit and person the items name, in one query each however many items
   * there are; an id whose unit or person is gone has no entry.
   */
  async orgNames(views: readonly ItemView[]): Promise<OrgNames> {
    const unitIds = present(views.flatMap((v) => [v.leadUnitId, ...v.coUnitIds]));
    const personIds = present(views.flatMap((v) => [v.leaderId, v.responsibleId]));
    const [units, people] = await Promise.all([
      namesOf(this.dataSource, OrgUnitEntity, unitIds),
      namesOf(this.dataSource, PersonEntity, personIds),
    ]);
    return { units, people };
  }

  async event(workflowId: string, seq: number): Promise<TimelineEntry | null> {
    const row = await this.dataSource
      .getRepository(WorkItemEventEntity)
      .findOneBy({ workflowId, seq });
    if (!row) return null;
    const { workflowId: _id, ...entry } = row;
    return entry;
  }

  async timeline(workflowId: string): Promise<TimelineEntry[]> {
    const rows = await this.dataSource
      .getRepository(WorkItemEventEntity)
      .find({ where: { workflowId }, order: { seq: 'ASC' } });
    return rows.map(({ workflowId: _id, ...entry }) => entry);
  }
}

function present(ids: readonly (string | null)[]): Set<string> {
  return new Set(ids.filter((id): id is string => id !== null));
}

async function namesOf(
  dataSource: DataSource,
  entity: typeof OrgUnitEntity | typeof PersonEntity,
  ids: ReadonlySet<string>,
): Promise<Map<string, string>> {
  if (ids.size === 0) return new Map();
  const rows: { id: string; name: string }[] = await dataSource
    .getRepository<{ id: string; name: string }>(entity)
    .find({ select: { id: true, name: true }, where: { id: In([...ids]) } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

async function insertEvent(manager: EntityManager, projection: Projection): Promise<void> {
  const event = projection.event;
  if (!event) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(WorkItemEventEntity)
    .values(
      Object.assign(new WorkItemEventEntity(), {
        workflowId: projection.workflowId,
        seq: projection.seq,
        type: event.type,
        at: event.at,
        actorId: event.actorId,
        milestoneKey: event.milestoneKey,
        detail: { ...event.detail },
      }) as object,
    )
    .orIgnore()
    .execute();
}

function stateRow(
  { workflowId, seq, state, warningFrom }: Projection,
  now: Date,
): WorkItemStateEntity {
  const milestones = state.milestones.map((m: Milestone) => ({
    ...m,
    warningFrom: warningFrom[m.key] ?? m.dueAt,
  }));
  return {
    workflowId,
    planId: state.planId,
    itemId: state.itemId,
    itemNo: state.itemNo,
    title: state.title,
    status: state.status,
    leadUnitId: state.responsibility.leadUnitId,
    leaderId: state.responsibility.leaderId,
    responsibleId: state.responsibility.responsibleId,
    coUnitIds: [...state.responsibility.coUnitIds],
    milestones,
    targetQuantities: [...state.targetQuantities],
    startedAt: state.startedAt,
    seq,
    updatedAt: now,
  };
}
