import {
  Table,
  TableColumn,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

const text = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});
const datetime = (name: string): TableColumnOptions => ({ name, type: 'datetime', precision: 3 });

/**
 * A plan's own escalation policy, the notification outbox, the read model of work-item
 * workflows (state and timeline), and the metadata of evidence files.
 */
export class CreateSupervision1795910000000 implements MigrationInterface {
  name = 'CreateSupervision1795910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'plan',
      new TableColumn({ name: 'escalation_policy', type: 'text', isNullable: true }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notification_outbox',
        columns: [
          { ...text('id', 36), isPrimary: true },
          text('idempotency_key', 255),
          text('kind', 32),
          text('recipient_id', 36),
          text('recipient_role', 32),
          text('workflow_id', 120),
          text('plan_id', 36),
          text('item_id', 36),
          text('milestone_key', 64, true),
          text('step', 64),
          { name: 'urging_notice', type: 'boolean' },
          text('status', 16),
          datetime('created_at'),
        ],
        uniques: [{ name: 'UQ_notification_outbox_key', columnNames: ['idempotency_key'] }],
        indices: [
          { name: 'IDX_notification_outbox_status', columnNames: ['status'] },
          { name: 'IDX_notification_outbox_recipient', columnNames: ['recipient_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'work_item_state',
        columns: [
          { ...text('workflow_id', 120), isPrimary: true },
          text('plan_id', 36),
          text('item_id', 36),
          { name: 'item_no', type: 'integer' },
          text('title', 500),
          text('status', 16),
          text('lead_unit_id', 36, true),
          text('leader_id', 36, true),
          text('responsible_id', 36, true),
          { name: 'co_unit_ids', type: 'text' },
          { name: 'milestones', type: 'text' },
          { name: 'target_quantities', type: 'text' },
          text('started_at', 24),
          { name: 'seq', type: 'integer' },
          datetime('updated_at'),
        ],
        indices: [
          { name: 'IDX_work_item_state_plan', columnNames: ['plan_id'] },
          { name: 'IDX_work_item_state_lead_unit', columnNames: ['lead_unit_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'work_item_event',
        columns: [
          { ...text('workflow_id', 120), isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          text('type', 32),
          text('at', 24),
          text('actor_id', 36, true),
          text('milestone_key', 64, true),
          { name: 'detail', type: 'text' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'evidence',
        columns: [
          { ...text('id', 36), isPrimary: true },
          text('sha256', 64),
          { name: 'size', type: 'bigint' },
          text('media_type', 100),
          text('file_name', 255),
          text('plan_id', 36),
          text('item_id', 36),
          text('uploaded_by', 36),
          datetime('uploaded_at'),
        ],
        indices: [{ name: 'IDX_evidence_item', columnNames: ['item_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['work_item_event', 'work_item_state', 'notification_outbox']) {
      await queryRunner.dropTable(table);
    }
    await queryRunner.dropColumn('plan', 'escalation_policy');
  }
}
