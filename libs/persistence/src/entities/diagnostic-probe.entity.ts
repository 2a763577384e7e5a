import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

@Entity({ name: 'diagnostic_probe' })
@Unique('UQ_diagnostic_probe_request_id', ['requestId'])
export class DiagnosticProbeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 64 })
  requestId!: string;

  @Column({ type: 'varchar', length: 200 })
  note!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 255 })
  workflowId!: string;

  @Column({ name: 'recorded_at', type: 'datetime', precision: 3 })
  recordedAt!: Date;
}
