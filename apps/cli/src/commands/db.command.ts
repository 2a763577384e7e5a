import type { Command } from 'commander';
import { parseEnv } from '@duban/config';
import { migrateDatabase, openDataSource } from '@duban/persistence';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('数据库维护');
  db.command('migrate')
    .description('执行全部未执行的数据库迁移（DATABASE_URL，未设置时为内置 SQLite）')
    .action(async () => {
      const { database } = parseEnv(process.env);
      const where = database.type === 'mysql' ? new URL(database.url).host : database.path;
      console.log(`migrating ${database.type} database at ${where}`);
      const dataSource = await openDataSource(database);
      try {
        await migrateDatabase(dataSource, (line) => console.log(line));
      } finally {
        await dataSource.destroy();
      }
    });
}
