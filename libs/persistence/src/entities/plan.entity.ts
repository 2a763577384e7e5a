import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { EscalationPolicy, PlanStatus } from '@duban/domain';
import type { PlanIssue } from '@duban/plan-parser';

/** One imported 工作要点 document: a draft until a supervisor confirms it. */
@Entity({ name: 'plan' })
@Unique('UQ_plan_content_hash', ['contentHash'])
export class PlanEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** SHA-256 (hex) of the bytes as uploaded: the same document imported twice is one plan. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'text' })
  preamble!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: PlanStatus;

  @Column({ name: 'source_name', type: 'varchar', length: 255, nullable: true })
  sourceName!: string | null;

  @Column({ type: 'simple-json' })
  warnings!: PlanIssue[];

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'confirmed_at', type: 'datetime', precision: 3, nullable: true })
  confirmedAt!: Date | null;

  /** The plan's own reminder and escalation policy; null: the default. */
  @Column({ name: 'escalation_policy', type: 'simple-json', nullable: true })
  escalationPolicy!: EscalationPolicy | null;
}
