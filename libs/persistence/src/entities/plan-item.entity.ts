import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  type Relation,
} from 'typeorm';
import type { PlanTask } from '@duban/plan-parser';
import { OrgUnitEntity } from './org-unit.entity';
import { PersonEntity } from './person.entity';
import { PlanSectionEntity } from './plan-section.entity';
import { PlanEntity } from './plan.entity';

/** A work item (工作事项): later the unit of supervision, one workflow each. */
@Entity({ name: 'plan_item' })
@Unique('UQ_plan_item_section_no', ['planId', 'sectionId', 'no'])
export class PlanItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId!: string;

  @ManyToOne(() => PlanEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_plan_item_plan' })
  plan?: Relation<PlanEntity>;

  @Column({ name: 'section_id', type: 'varchar', length: 36 })
  sectionId!: string;

  @ManyToOne(() => PlanSectionEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'section_id', foreignKeyConstraintName: 'FK_plan_item_section' })
  section?: Relation<PlanSectionEntity>;

  @Column({ type: 'int' })
  no!: number;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'body_missing', type: 'boolean' })
  bodyMissing!: boolean;

  @Column({ type: 'boolean' })
  truncated!: boolean;

  @Column({ type: 'simple-json' })
  tasks!: PlanTask[];

  @Column({ name: 'references', type: 'simple-json' })
  references!: string[];

  /** YYYY-MM-DD: a calendar day, not an instant, so no time zone can move it. */
  @Column({ type: 'varchar', length: 10 })
  due!: string;

  @Column({ name: 'due_source', type: 'varchar', length: 200, nullable: true })
  dueSource!: string | null;

  @Column({ name: 'suggested_unit', type: 'varchar', length: 100, nullable: true })
  suggestedUnit!: string | null;

  @Column({ type: 'int' })
  line!: number;

  /** The lead unit (牵头单位); its people see and act on the item. */
  @Column({ name: 'lead_unit_id', type: 'varchar', length: 36, nullable: true })
  leadUnitId!: string | null;

  @ManyToOne(() => OrgUnitEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_unit_id', foreignKeyConstraintName: 'FK_plan_item_lead_unit' })
  leadUnit?: Relation<OrgUnitEntity> | null;

  /** The leader in charge named for this item; null: whoever is in charge of the lead unit. */
  @Column({ name: 'leader_id', type: 'varchar', length: 36, nullable: true })
  leaderId!: string | null;

  @ManyToOne(() => PersonEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'leader_id', foreignKeyConstraintName: 'FK_plan_item_leader' })
  leader?: Relation<PersonEntity> | null;

  /** The responsible person (责任人) in the lead unit or a co-unit: reminders go to them. */
  @Column({ name: 'responsible_id', type: 'varchar', length: 36, nullable: true })
  responsibleId!: string | null;

  @ManyToOne(() => PersonEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'responsible_id', foreignKeyConstraintName: 'FK_plan_item_responsible' })
  responsible?: Relation<PersonEntity> | null;
}
