import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last record of the audit trail, in a single row: appends lock it, which orders them, and
 * verification compares it with the last record found, which catches records cut off the end.
 */
@Entity({ name: 'audit_head' })
export class AuditHeadEntity {
  @PrimaryColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
