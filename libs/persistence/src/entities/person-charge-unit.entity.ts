import { Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { OrgUnitEntity } from './org-unit.entity';
import { PersonEntity } from './person.entity';

/** A leader is in charge of (分管) these units: they approve those units' items. */
@Entity({ name: 'person_charge_unit' })
export class PersonChargeUnitEntity {
  @PrimaryColumn({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'varchar', length: 36 })
  unitId!: string;

  @ManyToOne(() => PersonEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_person_charge_unit_person' })
  person?: Relation<PersonEntity>;

  @ManyToOne(() => OrgUnitEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_person_charge_unit_unit' })
  unit?: Relation<OrgUnitEntity>;
}
