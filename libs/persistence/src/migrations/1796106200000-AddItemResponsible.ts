import { TableColumn, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm';

const RESPONSIBLE_FK = new TableForeignKey({
  name: 'FK_plan_item_responsible',
  columnNames: ['responsible_id'],
  referencedTableName: 'person',
  referencedColumnNames: ['id'],
  onDelete: 'SET NULL',
  onUpdate: 'NO ACTION',
});

/**
 * The responsible person (责任人) of a draft's item: named before confirm, so that a plan's
 * reminders reach someone from its first day instead of waiting for an `assign` command.
 */
export class AddItemResponsible1796106200000 implements MigrationInterface {
  name = 'AddItemResponsible1796106200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'plan_item',
      new TableColumn({ name: 'responsible_id', type: 'varchar', length: '36', isNullable: true }),
    );
    await queryRunner.createForeignKey('plan_item', RESPONSIBLE_FK);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropForeignKey('plan_item', RESPONSIBLE_FK.name ?? '');
    await queryRunner.dropColumn('plan_item', 'responsible_id');
  }
}
