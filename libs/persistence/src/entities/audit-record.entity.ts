import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AUDIT_TARGET_ID_MAX_LENGTH, type AuditOutcome } from '@duban/domain';

/**
 * One record of the audit trail (see libs/domain audit-chain). Rows are only ever inserted: the
 * application has no code that updates or deletes them, and production grants no UPDATE/DELETE.
 */
@Entity({ name: 'audit_record' })
@Index('IDX_audit_record_actor', ['actorId'])
@Index('IDX_audit_record_target', ['targetType', 'targetId'])
export class AuditRecordEntity {
  @PrimaryColumn({ type: 'int' })
  seq!: number;

  /** ISO-8601 UTC text: hashed as stored, so no driver or time zone can shift it. */
  @Column({ type: 'varchar', length: 24 })
  at!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 64, nullable: true })
  actorName!: string | null;

  @Column({ name: 'actor_roles', type: 'varchar', length: 200 })
  actorRoles!: string;

  @Column({ name: 'actor_unit_id', type: 'varchar', length: 36, nullable: true })
  actorUnitId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 16 })
  outcome!: AuditOutcome;

  @Column({ name: 'target_type', type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @Column({
    name: 'target_id',
    type: 'varchar',
    length: AUDIT_TARGET_ID_MAX_LENGTH,
    nullable: true,
  })
  targetId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  before!: string | null;

  @Column({ type: 'text', nullable: true })
  after!: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
