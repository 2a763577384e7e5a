import type { MigrationInterface, QueryRunner, TableForeignKey } from 'typeorm';

// Fixed here rather than imported: a migration must do the same thing on every database it
// ever runs on, whatever the connection settings become later.
const CHARSET = 'utf8mb4';
const COLLATION = 'utf8mb4_unicode_ci';

interface NamedRow {
  readonly name: string;
}

/**
 * Every table, and the database's default for tables created later, in utf8mb4.
 *
 * CREATE TABLE takes the database's default character set, so on a server or database whose
 * default is latin1 the earlier migrations made latin1 tables that refuse Chinese ("Incorrect
 * string value"). Those migrations have already run on such databases and never run again, so
 * changing them would fix only new databases; this migration fixes both. On a new database it
 * runs right after them, before anything but ASCII is written. Tables already in utf8mb4 are left
 * alone, whatever their collation, so a database that works today is not rebuilt.
 */
export class ConvertToUtf8mb41796106167309 implements MigrationInterface {
  name = 'ConvertToUtf8mb41796106167309';

  async up(queryRunner: QueryRunner): Promise<void> {
    const type = queryRunner.connection.driver.options.type;
    // SQLite keeps all text as UTF-8 whatever it is told.
    if (type !== 'mysql' && type !== 'mariadb') return;

    const [database] = (await queryRunner.query(
      `SELECT DEFAULT_CHARACTER_SET_NAME AS name FROM information_schema.SCHEMATA
        WHERE SCHEMA_NAME = DATABASE()`,
    )) as NamedRow[];
    if (database?.name !== CHARSET) {
      await queryRunner.query(`ALTER DATABASE CHARACTER SET ${CHARSET} COLLATE ${COLLATION}`);
    }

    const tables = (
      (await queryRunner.query(
        `SELECT TABLE_NAME AS name FROM information_schema.TABLES
          WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'`,
      )) as NamedRow[]
    ).map((row) => row.name);
    const notUtf8mb4 = (
      (await queryRunner.query(
        `SELECT TABLE_NAME AS name FROM information_schema.TABLES
          WHERE TABLE_SCHEMA = DATABASE() AND TABLE_COLLATION NOT LIKE '${CHARSET}%'
         UNION
         SELECT TABLE_NAME FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME <> '${CHARSET}'`,
      )) as NamedRow[]
    ).map((row) => row.name);
    const convert = new Set(tables.filter((table) => notUtf8mb4.includes(table)));
    if (convert.size === 0) return;

    // MariaDB will not change the character set of a column a foreign key joins, even with
    // foreign_key_checks off (errors 1832, 1833): such keys come off for the conversion and go
    // back on after it.
    const keys: { table: string; foreignKeys: TableForeignKey[] }[] = [];
    for (const table of await queryRunner.getTables(tables)) {
      const foreignKeys = table.foreignKeys.filter(
        (key) => convert.has(table.name) || convert.has(key.referencedTableName),
      );
      if (foreignKeys.length > 0) keys.push({ table: table.name, foreignKeys });
    }
    for (const { table, foreignKeys } of keys) {
      await queryRunner.dropForeignKeys(table, foreignKeys);
    }

    for (const table of convert) {
      // CONVERT TO widens TEXT to MEDIUMTEXT to keep room for four bytes per latin1 character;
      // TEXT stays TEXT, as on every database created in utf8mb4, so entities and schema agree.
      // None of the schema's TEXT columns has a default to carry over.
      const texts = (await queryRunner.query(
        `SELECT COLUMN_NAME AS name, IS_NULLABLE AS nullable FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND DATA_TYPE = 'text'`,
        [table],
      )) as (NamedRow & { nullable: 'YES' | 'NO' })[];
      const keepText = texts.map(
        (c) => `, MODIFY \`${c.name}\` TEXT ${c.nullable === 'YES' ? 'NULL' : 'NOT NULL'}`,
      );
      await queryRunner.query(
        `ALTER TABLE \`${table}\` CONVERT TO CHARACTER SET ${CHARSET} COLLATE ${COLLATION}` +
          keepText.join(''),
      );
    }

    for (const { table, foreignKeys } of keys) {
      await queryRunner.createForeignKeys(table, foreignKeys);
    }
  }

  async down(): Promise<void> {
    // Nothing to undo: back in latin1 every Chinese character stored since would be lost, and
    // the earlier migrations' down steps work on utf8mb4 tables as they are.
  }
}
