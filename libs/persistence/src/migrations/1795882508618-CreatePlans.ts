import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const uuid = (name: string, isPrimary = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isPrimary,
});
const datetime = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable,
});

/** Plans as imported and reviewed: plan → sections → items → targets, each row its own id. */
export class CreatePlans1795882508618 implements MigrationInterface {
  name = 'CreatePlans1795882508618';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'plan',
        columns: [
          uuid('id', true),
          { name: 'content_hash', type: 'varchar', length: '64' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'year', type: 'integer' },
          { name: 'preamble', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'source_name', type: 'varchar', length: '255', isNullable: true },
          { name: 'warnings', type: 'text' },
          datetime('created_at'),
          datetime('updated_at'),
          datetime('confirmed_at', true),
        ],
        uniques: [{ name: 'UQ_plan_content_hash', columnNames: ['content_hash'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'plan_section',
        columns: [
          uuid('id', true),
          uuid('plan_id'),
          { name: 'no', type: 'integer' },
          { name: 'title', type: 'varchar', length: '500' },
          { name: 'intro', type: 'text' },
          { name: 'line', type: 'integer' },
        ],
        uniques: [{ name: 'UQ_plan_section_no', columnNames: ['plan_id', 'no'] }],
        foreignKeys: [
          {
            name: 'FK_plan_section_plan',
            columnNames: ['plan_id'],
            referencedTableName: 'plan',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'plan_item',
        columns: [
          uuid('id', true),
          uuid('plan_id'),
          uuid('section_id'),
          { name: 'no', type: 'integer' },
          { name: 'title', type: 'varchar', length: '500' },
          { name: 'body', type: 'text' },
          { name: 'body_missing', type: 'boolean' },
          { name: 'truncated', type: 'boolean' },
          { name: 'tasks', type: 'text' },
          { name: 'references', type: 'text' },
          { name: 'due', type: 'varchar', length: '10' },
          { name: 'due_source', type: 'varchar', length: '200', isNullable: true },
          { name: 'suggested_unit', type: 'varchar', length: '100', isNullable: true },
          { name: 'line', type: 'integer' },
        ],
        uniques: [
          { name: 'UQ_plan_item_section_no', columnNames: ['plan_id', 'section_id', 'no'] },
        ],
        foreignKeys: [
          {
            name: 'FK_plan_item_plan',
            columnNames: ['plan_id'],
            referencedTableName: 'plan',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
          {
            name: 'FK_plan_item_section',
            columnNames: ['section_id'],
            referencedTableName: 'plan_section',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'plan_target',
        columns: [
          uuid('id', true),
          uuid('item_id'),
          { name: 'position', type: 'integer' },
          { name: 'text', type: 'text' },
          { name: 'quantity', type: 'double' },
          { name: 'unit', type: 'varchar', length: '50' },
          { name: 'comparator', type: 'varchar', length: '8' },
          { name: 'subject', type: 'varchar', length: '500' },
          { name: 'per', type: 'varchar', length: '100', isNullable: true },
        ],
        uniques: [{ name: 'UQ_plan_target_position', columnNames: ['item_id', 'position'] }],
        foreignKeys: [
          {
            name: 'FK_plan_target_item',
            columnNames: ['item_id'],
            referencedTableName: 'plan_item',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['plan_target', 'plan_item', 'plan_section', 'plan']) {
      await queryRunner.dropTable(table);
    }
  }
}
