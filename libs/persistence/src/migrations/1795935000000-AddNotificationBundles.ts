import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

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
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('notification_outbox', 'bundle_key');
  }
}
