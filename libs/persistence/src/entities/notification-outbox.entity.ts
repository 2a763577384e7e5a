import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * A message to deliver, one row per recipient and channel. The idempotency key (workflow,
 * milestone, step, recipient) makes a retried or replayed emission a no-op; the claim token makes
 * sure only one sender ever holds a row.
 */
@Entity({ name: 'notification_outbox' })
@Unique('UQ_notification_outbox_key', ['idempotencyKey'])
@Index('IDX_notification_outbox_status', ['status'])
@Index('IDX_notification_outbox_recipient', ['recipientId'])
@Index('IDX_notification_outbox_due', ['status', 'dueAt'])
@Index('IDX_notification_outbox_digest', ['digestId'])
export class NotificationOutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255 })
  idempotencyKey!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  /** `email` to a person, `chat` to a unit's group-chat robot. */
  @Column({ type: 'varchar', length: 8, default: 'email' })
  channel!: string;

  /** A person's id (e-mail) or a unit's id (group chat). */
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

  /** What the message says (NoticeData or DigestData), fixed when it was queued. */
  @Column({ type: 'simple-json', nullable: true })
  payload!: object | null;

  /**
   * pending → sending → sent | failed | unknown; `held` waits for a digest and ends `digested`.
   * A transient failure puts a row back to `pending` with a later due time.
   */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** Not to be sent before (quiet hours, the digest morning, retry backoff). */
  @Column({ name: 'due_at', type: 'datetime', precision: 3 })
  dueAt!: Date;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'claim_token', type: 'varchar', length: 36, nullable: true })
  claimToken!: string | null;

  @Column({ name: 'claimed_at', type: 'datetime', precision: 3, nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt!: Date | null;

  /** The server's reply: the acceptance line once sent, the refusal or error otherwise. */
  @Column({ name: 'last_result', type: 'varchar', length: 1000, nullable: true })
  lastResult!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 200, nullable: true })
  messageId!: string | null;

  /**
   * Held rows with a bundle key leave combined: one message per recipient, channel and key
   * (`catch_up/2024-04-01`, `urging/2024-04-01`) for all that were queued together.
   */
  @Column({ name: 'bundle_key', type: 'varchar', length: 64, nullable: true })
  bundleKey!: string | null;

  /** The digest or bundle row a held notice was folded into. */
  @Column({ name: 'digest_id', type: 'varchar', length: 36, nullable: true })
  digestId!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
