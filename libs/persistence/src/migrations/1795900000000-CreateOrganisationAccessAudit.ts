import {
  Table,
  TableColumn,
  TableForeignKey,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

const uuid = (name: string, isPrimary = false, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isPrimary,
  isNullable,
});
const datetime = (name: string, isNullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable,
});
const text = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});
const fk = (
  name: string,
  column: string,
  table: string,
  onDelete: 'CASCADE' | 'SET NULL' | 'RESTRICT',
) => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
  onUpdate: 'NO ACTION',
});

/**
 * Units, people and their logins; who is responsible for each item; and the audit trail with its
 * chain head (one row, seq 0 and the genesis hash, before any record exists).
 */
export class CreateOrganisationAccessAudit1795900000000 implements MigrationInterface {
  name = 'CreateOrganisationAccessAudit1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'org_unit',
        columns: [
          uuid('id', true),
          text('code', 64),
          text('name', 100),
          text('kind', 16),
          uuid('head_id', false, true),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        uniques: [
          { name: 'UQ_org_unit_code', columnNames: ['code'] },
          { name: 'UQ_org_unit_name', columnNames: ['name'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'person',
        columns: [
          uuid('id', true),
          text('username', 64),
          text('name', 50),
          uuid('unit_id', false, true),
          text('email', 254),
          text('mobile', 20, true),
          text('roles', 200),
          text('locale', 8),
          { name: 'active', type: 'boolean' },
          text('password_hash', 255, true),
          { name: 'failed_logins', type: 'integer' },
          datetime('locked_until', true),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        uniques: [{ name: 'UQ_person_username', columnNames: ['username'] }],
        foreignKeys: [fk('FK_person_unit', 'unit_id', 'org_unit', 'RESTRICT')],
      }),
    );
    await queryRunner.createForeignKey(
      'org_unit',
      new TableForeignKey(fk('FK_org_unit_head', 'head_id', 'person', 'SET NULL')),
    );
    await queryRunner.createTable(
      new Table({
        name: 'person_charge_unit',
        columns: [uuid('person_id', true), uuid('unit_id', true)],
        foreignKeys: [
          fk('FK_person_charge_unit_person', 'person_id', 'person', 'CASCADE'),
          fk('FK_person_charge_unit_unit', 'unit_id', 'org_unit', 'CASCADE'),
        ],
      }),
    );
    await queryRunner.addColumns('plan_item', [
      new TableColumn(uuid('lead_unit_id', false, true)),
      new TableColumn(uuid('leader_id', false, true)),
    ]);
    await queryRunner.createForeignKeys('plan_item', [
      new TableForeignKey(fk('FK_plan_item_lead_unit', 'lead_unit_id', 'org_unit', 'SET NULL')),
      new TableForeignKey(fk('FK_plan_item_leader', 'leader_id', 'person', 'SET NULL')),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'plan_item_co_unit',
        columns: [uuid('item_id', true), uuid('unit_id', true)],
        foreignKeys: [
          fk('FK_plan_item_co_unit_item', 'item_id', 'plan_item', 'CASCADE'),
          fk('FK_plan_item_co_unit_unit', 'unit_id', 'org_unit', 'CASCADE'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'auth_session',
        columns: [
          uuid('id', true),
          uuid('person_id'),
          text('token_hash', 64),
          text('previous_token_hash', 64, true),
          datetime('created_at'),
          datetime('expires_at'),
          datetime('revoked_at', true),
        ],
        uniques: [{ name: 'UQ_auth_session_token', columnNames: ['token_hash'] }],
        indices: [
          { name: 'IDX_auth_session_previous_token', columnNames: ['previous_token_hash'] },
        ],
        foreignKeys: [fk('FK_auth_session_person', 'person_id', 'person', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_record',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true },
          text('at', 24),
          uuid('actor_id', false, true),
          text('actor_name', 64, true),
          text('actor_roles', 200),
          uuid('actor_unit_id', false, true),
          text('action', 64),
          text('outcome', 16),
          text('target_type', 32, true),
          text('target_id', 200, true),
          { name: 'reason', type: 'text', isNullable: true },
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
          text('ip', 45, true),
          text('prev_hash', 64),
          text('hash', 64),
        ],
        indices: [
          { name: 'IDX_audit_record_actor', columnNames: ['actor_id'] },
          { name: 'IDX_audit_record_target', columnNames: ['target_type', 'target_id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_head',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'seq', type: 'integer' },
          text('hash', 64),
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_head', 'audit_record', 'auth_session', 'plan_item_co_unit']) {
      await queryRunner.dropTable(table);
    }
    await queryRunner.dropForeignKey('plan_item', 'FK_plan_item_leader');
    await queryRunner.dropForeignKey('plan_item', 'FK_plan_item_lead_unit');
    await queryRunner.dropColumns('plan_item', ['leader_id', 'lead_unit_id']);
    await queryRunner.dropTable('person_charge_unit');
    await queryRunner.dropForeignKey('org_unit', 'FK_org_unit_head');
    await queryRunner.dropTable('person');
    await queryRunner.dropTable('org_unit');
  }
}
