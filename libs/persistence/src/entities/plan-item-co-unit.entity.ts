import { Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { OrgUnitEntity } from './org-unit.entity';
import { PlanItemEntity } from './plan-item.entity';

/** A co-unit (配合单位) of an item: sees and acts on it like the lead unit. */
@Entity({ name: 'plan_item_co_unit' })
export class PlanItemCoUnitEntity {
  @PrimaryColumn({ name: 'item_id', type: 'varchar', length: 36 })
  itemId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'varchar', length: 36 })
  unitId!: string;

  @ManyToOne(() => PlanItemEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_plan_item_co_unit_item' })
  item?: Relation<PlanItemEntity>;

  @ManyToOne(() => OrgUnitEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_plan_item_co_unit_unit' })
  unit?: Relation<OrgUnitEntity>;
}
