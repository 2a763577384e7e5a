import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
  type Relation,
} from 'typeorm';
import type { ChatWebhookSpec, UnitKind } from '@duban/domain';
import { PersonEntity } from './person.entity';

/** A responsible unit (责任单位): a department, township, sub-district or affiliated body. */
@Entity({ name: 'org_unit' })
@Unique('UQ_org_unit_code', ['code'])
@Unique('UQ_org_unit_name', ['name'])
export class OrgUnitEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Stable key from the organisation file; names change, codes do not. */
  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: UnitKind;

  @Column({ name: 'head_id', type: 'varchar', length: 36, nullable: true })
  headId!: string | null;

  @ManyToOne(() => PersonEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'head_id', foreignKeyConstraintName: 'FK_org_unit_head' })
  head?: Relation<PersonEntity> | null;

  /** The unit's group-chat robot; its URL and secret are credentials, never shown in full. */
  @Column({ name: 'chat_webhook', type: 'simple-json', nullable: true })
  chatWebhook!: ChatWebhookSpec | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
