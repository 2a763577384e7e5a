import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { PlanEntity } from './plan.entity';

@Entity({ name: 'plan_section' })
@Unique('UQ_plan_section_no', ['planId', 'no'])
export class PlanSectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId!: string;

  @ManyToOne(() => PlanEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_plan_section_plan' })
  plan?: Relation<PlanEntity>;

  @Column({ type: 'int' })
  no!: number;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'text' })
  intro!: string;

  @Column({ type: 'int' })
  line!: number;
}
