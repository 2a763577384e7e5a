import type { Command } from 'commander';
import { ensureTemporalCli } from '@duban/devstack';

export function registerTemporalCommands(program: Command): void {
  const temporal = program.command('temporal').description('Temporal 开发服务器');
  temporal
    .command('ensure')
    .description(
      '找到或构建 Temporal CLI（$TEMPORAL_CLI → PATH → $(go env GOPATH)/bin → go install）',
    )
    .action(async () => {
      const executable = await ensureTemporalCli((line) => console.error(line));
      console.log(executable.type === 'existing-path' ? executable.path : 'cached-download');
    });
}
