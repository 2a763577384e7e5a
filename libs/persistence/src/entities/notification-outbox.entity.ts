import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * A notice waiting to be delivered, one row per recipient. The idempotency key (workflow,
 * milestone, step, recipient) makes a retried or replayed emission a no-op.
 */
@Entity({ name: 'notification_outbox' })
@Unique('UQ_notification_outbox_key', ['idempotencyKey'])
@Index('IDX_notification_outbox_status', ['status'])
@Index('IDX_notification_outbox_recipient', ['recipientId'])
export class NotificationOutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'recipient_id', type: 'varchar', length: 36 })
  recipientId!: string;

  @Column({ name: 'recipient_role', type: 'varchar', length: 32 })
  recipientRole!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 120 })
  workflowId!: string;

  @Column({ name: 'plan_id', type: 'varchar', length: 36 })
  planId!: string;

  @Column({ name: 'item_id', type: 'varchar', length: 36 })
  itemId!: string;

  @Column({ name: 'milestone_key', type: 'varchar', length: 64, nullable: true })
  milestoneKey!: string | null;

  @Column({ type: 'varchar', length: 64 })
  step!: string;

  @Column({ name: 'urging_notice', type: 'boolean' })
  urgingNotice!: boolean;

  /** `pending` until the delivery issue's sender claims it. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
