import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Milestone } from '@duban/domain';

/** Milestones as the read model keeps them: the workflow's, plus when each turns yellow. */
export type ProjectedMilestone = Milestone & { readonly warningFrom: string };

/**
 * The read model of a work item: its workflow's state after the newest change (`seq`), so lists
 * and dashboards never ask Temporal.
 */
@Entity({ name: 'work_item_state' })
@Index('IDX_work_item_state_plan', ['planId'])
@Index('IDX_work_item_state_lead_unit', ['leadUnitId'])
export class WorkItemStateEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'varchar', length: 120 })
  workflowId!: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId!: string;

  @Column({ name: 'item_id', type: 'varchar', length: 36 })
  itemId!: string;

  @Column({ name: 'item_no', type: 'int' })
  itemNo!: number;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'lead_unit_id', type: 'varchar', length: 36, nullable: true })
  leadUnitId!: string | null;

  @Column({ name: 'leader_id', type: 'varchar', length: 36, nullable: true })
  leaderId!: string | null;

  @Column({ name: 'responsible_id', type: 'varchar', length: 36, nullable: true })
  responsibleId!: string | null;

  @Column({ name: 'co_unit_ids', type: 'simple-json' })
  coUnitIds!: string[];

  @Column({ type: 'simple-json' })
  milestones!: ProjectedMilestone[];

  @Column({ name: 'target_quantities', type: 'simple-json' })
  targetQuantities!: number[];

  /** ISO-8601: when supervision started, the start of the time-proportional schedule. */
  @Column({ name: 'started_at', type: 'varchar', length: 24 })
  startedAt!: string;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
