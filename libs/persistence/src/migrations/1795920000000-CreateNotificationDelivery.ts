import {
  TableColumn,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

const nullable = (name: string, type: string, length?: number): TableColumnOptions => ({
  name,
  type,
  isNullable: true,
  ...(length !== undefined && { length: String(length) }),
  ...(type === 'datetime' && { precision: 3 }),
});

const DUE_INDEX = new TableIndex({
  name: 'IDX_notification_outbox_due',
  columnNames: ['status', 'due_at'],
});

/**
 * Delivery of the outbox: channel, message content, due time (quiet hours, retry backoff),
 * claims and results; each person's delivery mode and each unit's group-chat robot.
 */
export class CreateNotificationDelivery1795920000000 implements MigrationInterface {
  name = 'CreateNotificationDelivery1795920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('notification_outbox', [
      new TableColumn({ name: 'channel', type: 'varchar', length: '8', default: "'email'" }),
      new TableColumn(nullable('payload', 'text')),
      new TableColumn(nullable('due_at', 'datetime')),
      new TableColumn({ name: 'attempts', type: 'integer', default: 0 }),
      new TableColumn(nullable('claim_token', 'varchar', 36)),
      new TableColumn(nullable('claimed_at', 'datetime')),
      new TableColumn(nullable('sent_at', 'datetime')),
      new TableColumn(nullable('last_result', 'varchar', 1000)),
      new TableColumn(nullable('message_id', 'varchar', 200)),
      new TableColumn(nullable('digest_id', 'varchar', 36)),
    ]);
    // Notices queued before delivery existed are due at once.
    await queryRunner.query('UPDATE notification_outbox SET due_at = created_at');
    await queryRunner.changeColumn(
      'notification_outbox',
      'due_at',
      new TableColumn({ name: 'due_at', type: 'datetime', precision: 3 }),
    );
    await queryRunner.createIndex('notification_outbox', DUE_INDEX);
    await queryRunner.addColumn(
      'person',
      new TableColumn({ name: 'delivery_mode', type: 'varchar', length: '16', default: "'both'" }),
    );
    await queryRunner.addColumn('org_unit', new TableColumn(nullable('chat_webhook', 'text')));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('org_unit', 'chat_webhook');
    await queryRunner.dropColumn('person', 'delivery_mode');
    await queryRunner.dropIndex('notification_outbox', DUE_INDEX.name ?? '');
    for (const column of [
      'digest_id',
      'message_id',
      'last_result',
      'sent_at',
      'claimed_at',
      'claim_token',
      'attempts',
      'due_at',
      'payload',
      'channel',
    ]) {
      await queryRunner.dropColumn('notification_outbox', column);
    }
  }
}
