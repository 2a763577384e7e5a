import { Runtime } from '@temporalio/worker';
import type { Command } from 'commander';
import { startDevStack } from '../dev-stack';

function banner(urls: Record<string, string | undefined>): string {
  const rows = [
    ['API', urls['api']],
    ['OpenAPI 文档', urls['docs']],
    ['健康检查', urls['health']],
    ['Temporal 控制台', urls['temporalUi']],
    ['示例计划（草稿）', urls['samplePlan']],
  ].filter(([, url]) => url);
  return [
    '',
    '督办 Duban 已启动 (ready):',
    ...rows.map(([name, url]) => `  ${name}: ${url}`),
    '按 Ctrl-C 停止 (stop)。',
    '',
  ].join('\n');
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('启动整个系统：Temporal 开发服务器、SMTP 收件箱、数据库迁移、worker 与 API')
    .action(async () => {
      const log = (line: string) => console.log(line);
      // The Temporal runtime (behind the dev server) would otherwise take SIGINT for itself.
      Runtime.install({ shutdownSignals: [] });
      // Installed first, and with `on`: a Ctrl-C during start-up or a second one while stopping
      // must never leave the children behind.
      const interrupt = new AbortController();
      const stopping = new Promise<string>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
          process.on(signal, () => {
            interrupt.abort(new Error(`interrupted by ${signal} during start-up`));
            resolve(signal);
          });
        }
      });
      const stack = await startDevStack(process.env, log, interrupt.signal);
      console.log(banner(stack.urls));
      // A child that dies is restarted by its supervisor; only a signal, or a child that keeps
      // dying, stops the whole stack.
      const reason = await Promise.race([stopping, stack.failed]);
      console.log(`stopping (${reason})…`);
      await stack.stop();
      console.log('stopped');
      process.exitCode = reason.startsWith('SIG') ? 0 : 1;
    });
}
