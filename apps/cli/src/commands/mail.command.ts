import * as path from 'node:path';
import type { Command } from 'commander';
import { parseEnv } from '@duban/config';
import { readSinkMessages } from '@duban/devstack';
import {
  AuditRepository,
  NotificationRepository,
  OUTBOX_STATUSES,
  type OutboxStatus,
} from '@duban/persistence';
import { withDatabase } from '../database';
import { formatTable } from '../text-table';

function positive(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new Error(`--limit 必须是正整数（收到 “${value}”）`);
  return n;
}

function status(value: string): OutboxStatus {
  if (!(OUTBOX_STATUSES as readonly string[]).includes(value)) {
    throw new Error(`--status 必须是 ${OUTBOX_STATUSES.join('、')} 之一（收到 “${value}”）`);
  }
  return value as OutboxStatus;
}

const shanghai = (iso: string | null) =>
  iso === null
    ? ''
    : new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

export function registerMailCommands(program: Command): void {
  const mail = program.command('mail').description('通知邮件');
  mail
    .command('list')
    .description('列出开发用 SMTP 收件箱（npm start 的邮件接收器）收到的邮件，最新的在前')
    .option('--limit <n>', '最多列出几封', positive, 20)
    .option('--json', '以 JSON 输出（含正文）')
    .action(async (options: { limit: number; json?: boolean }) => {
      const env = parseEnv(process.env);
      const dir = env.notify.sinkDir ?? path.join(env.dataDir, 'mail');
      const messages = await readSinkMessages(dir, options.limit);
      if (options.json) return void console.log(JSON.stringify(messages, null, 2));
      if (messages.length === 0) return void console.log(`${dir} 中还没有邮件`);
      console.log(
        formatTable(
          ['收到时间', '收件人', '主题', 'Message-ID'],
          messages.map((m) => [shanghai(m.receivedAt), m.to, m.subject, m.messageId ?? '']),
        ),
      );
    });
  mail
    .command('outbox')
    .description('列出通知发件箱中的记录（待发送、已发送、失败、状态未知……）')
    .option('--status <status>', `只列出某一状态：${OUTBOX_STATUSES.join('、')}`, status)
    .option('--limit <n>', '最多列出几条', positive, 50)
    .action(async (options: { status?: OutboxStatus; limit: number }) => {
      const rows = await withDatabase((dataSource) =>
        new NotificationRepository(dataSource, new AuditRepository(dataSource)).list({
          ...(options.status && { status: options.status }),
          limit: options.limit,
        }),
      );
      console.log(
        formatTable(
          ['状态', '类型', '渠道', '收件人', '计划发送', '尝试', '结果'],
          rows.map((r) => [
            r.status,
            r.kind,
            r.channel,
            r.recipientId,
            shanghai(r.dueAt),
            String(r.attempts),
            (r.lastResult ?? '').slice(0, 60),
          ]),
        ),
      );
    });
}
