import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One entry of an item's timeline: who did what, when; keyed by workflow and sequence. */
@Entity({ name: 'work_item_event' })
export class WorkItemEventEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'varchar', length: 120 })
  workflowId!: string;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  /** ISO-8601 UTC. */
  @Column({ type: 'varchar', length: 24 })
  at!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId!: string | null;

  @Column({ name: 'milestone_key', type: 'varchar', length: 64, nullable: true })
  milestoneKey!: string | null;

  @Column({ type: 'simple-json' })
  detail!: Record<string, unknown>;
}
