import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { OrgUnitEntity } from './org-unit.entity';

/** A person of the bureau; with a password hash they can log in. */
@Entity({ name: 'person' })
@Unique('UQ_person_username', ['username'])
export class PersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId!: string | null;

  @ManyToOne(() => OrgUnitEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_person_unit' })
  unit?: Relation<OrgUnitEntity> | null;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  mobile!: string | null;

  /** Comma-separated role names. */
  @Column({ type: 'varchar', length: 200 })
  roles!: string;

  @Column({ type: 'varchar', length: 8 })
  locale!: string;

  @Column({ name: 'delivery_mode', type: 'varchar', length: 16, default: 'both' })
  deliveryMode!: string;

  @Column({ type: 'boolean' })
  active!: boolean;

  /** argon2id, PHC string; null: the person cannot log in. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'failed_logins', type: 'int' })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
