import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  type Relation,
} from 'typeorm';
import type { TargetComparator } from '@duban/domain';
import { PlanItemEntity } from './plan-item.entity';

/** A quantitative target of an item, in the order the document states them. */
@Entity({ name: 'plan_target' })
@Unique('UQ_plan_target_position', ['itemId', 'position'])
export class PlanTargetEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'item_id', type: 'varchar', length: 36 })
  itemId!: string;

  @ManyToOne(() => PlanItemEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_plan_target_item' })
  item?: Relation<PlanItemEntity>;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'double' })
  quantity!: number;

  @Column({ type: 'varchar', length: 50 })
  unit!: string;

  @Column({ type: 'varchar', length: 8 })
  comparator!: TargetComparator;

  @Column({ type: 'varchar', length: 500 })
  subject!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  per!: string | null;
}
