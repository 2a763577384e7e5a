import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateDiagnosticProbe1764300000000 implements MigrationInterface {
  name = 'CreateDiagnosticProbe1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'diagnostic_probe',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'request_id', type: 'varchar', length: '64' },
          { name: 'note', type: 'varchar', length: '200' },
          { name: 'workflow_id', type: 'varchar', length: '255' },
          { name: 'recorded_at', type: 'datetime', precision: 3 },
        ],
        uniques: [{ name: 'UQ_diagnostic_probe_request_id', columnNames: ['request_id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('diagnostic_probe');
  }
}
