import * as fs from 'node:fs';
import type { Command } from 'commander';
import type { DataSource } from 'typeorm';
import { parseEnv, type DatabaseConfig } from '@duban/config';
import type { ChainVerdict } from '@duban/domain';
import { AuditRepository, openDataSource } from '@duban/persistence';

const PROGRESS_EVERY = 10_000;
const AUDIT_TABLES = ['audit_record', 'audit_head'];

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计记录');
  audit
    .command('verify')
    .description('重新计算审计哈希链；链完整时退出码 0，否则指出第一条断裂的记录并以 1 退出')
    .action(async () => {
      const verdict = await verifyConfiguredDatabase();
      if (!verdict.ok) {
        throw new Error(`审计链在第 ${verdict.brokenSeq} 条记录处断裂：${verdict.message}`);
      }
      console.log(`审计链完整：${verdict.count} 条记录，最后哈希 ${verdict.lastHash}`);
    });
}

/**
 * Unlike the other commands it does not migrate first: a check of the evidence must not change
 * the database it checks, so a schema without the audit tables is an error.
 */
async function verifyConfiguredDatabase(): Promise<ChainVerdict> {
  const { database } = parseEnv(process.env);
  assertFileExists(database);
  const dataSource = await openDataSource(database);
  try {
    await assertAuditTables(dataSource);
    return await new AuditRepository(dataSource).verify(progressReporter());
  } finally {
    await dataSource.destroy();
  }
}

/** Opening a missing SQLite file would create an empty one. */
function assertFileExists(database: DatabaseConfig): void {
  if (database.type === 'better-sqlite3' && !fs.existsSync(database.path)) {
    throw new Error(`数据库文件不存在：${database.path}`);
  }
}

async function assertAuditTables(dataSource: DataSource): Promise<void> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    for (const table of AUDIT_TABLES) {
      if (!(await queryRunner.hasTable(table))) {
        throw new Error(`数据库中没有审计表 ${table}，请先执行 duban db migrate`);
      }
    }
  } finally {
    await queryRunner.release();
  }
}

/** Verification reports per batch; people need a line per 10,000 records, on stderr. */
function progressReporter(): (checked: number) => void {
  let reported = 0;
  return (checked) => {
    if (checked - reported < PROGRESS_EVERY) return;
    reported = checked;
    console.error(`已校验 ${checked} 条审计记录…`);
  };
}
