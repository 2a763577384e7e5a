import type { Command } from 'commander';
import { AuditRepository } from '@duban/persistence';
import { withDatabase } from '../database';

const PROGRESS_EVERY = 10_000;

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计记录');
  audit
    .command('verify')
    .description('重新计算审计哈希链；链完整时退出码 0，否则指出第一条断裂的记录并以 1 退出')
    .action(async () => {
      let reported = 0;
      const verdict = await withDatabase((dataSource) =>
        new AuditRepository(dataSource).verify((checked) => {
          if (checked - reported < PROGRESS_EVERY) return;
          reported = checked;
          console.error(`已校验 ${checked} 条审计记录…`);
        }),
      );
      if (!verdict.ok) {
        throw new Error(`审计链在第 ${verdict.brokenSeq} 条记录处断裂：${verdict.message}`);
      }
      console.log(`审计链完整：${verdict.count} 条记录，最后哈希 ${verdict.lastHash}`);
    });
}
