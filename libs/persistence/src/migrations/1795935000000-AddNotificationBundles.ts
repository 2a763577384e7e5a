import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const FOLDED_INDEX = new TableIndex({
  name: 'IDX_notification_outbox_digest',
  columnNames: ['digest_id'],
});

/**
 * Notices that go out combined: a held row with a bundle key waits a moment for the others of
 * its recipient and key (a plan's catch-up, a morning's urging notices) and leaves as one message.
 */
export class AddNotificationBundles1795935000000 implements MigrationInterface {
  name = 'AddNotificationBundles1795935000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'notification_outbox',
      new TableColumn({ name: 'bundle_key', type: 'varchar', length: '64', isNullable: true }),
    );
    // A bundle's message lists the rows folded into it, read when it is sent.
    await queryRunner.createIndex('notification_outbox', FOLDED_INDEX);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('notification_outbox', FOLDED_INDEX.name ?? '');
    await queryRunner.dropColumn('notification_outbox', 'bundle_key');
  }
}
