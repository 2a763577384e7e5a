import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  PlanIssueCode,
  ownerRulesFrom,
  parsePlanBytes,
  type OwnerRule,
  type ParsedPlan,
  type PlanIssue,
} from '@duban/plan-parser';
import { formatTable } from '../text-table';

function parseYear(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 1900 || year > 2100) {
    throw new InvalidArgumentError('expected a year such as 2024');
  }
  return year;
}

function readInput(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new Error(
      `无法读取文件 ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

function readOwnerRules(file: string): OwnerRule[] {
  try {
    return ownerRulesFrom(JSON.parse(readInput(file).toString('utf8')));
  } catch (error) {
    throw new Error(
      `--owner-rules ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function issueLine(issue: PlanIssue): string {
  const where = issue.line === null ? '' : ` 第 ${issue.line} 行`;
  return `[${issue.code}]${where} ${issue.message} (${issue.messageEn})`;
}

function itemState(item: { bodyMissing: boolean; truncated: boolean }): string {
  if (item.bodyMissing) return '仅有标题';
  return item.truncated ? '正文截断' : '';
}

function summary(plan: ParsedPlan): string {
  const items = plan.sections.flatMap((s) => s.items);
  const targets = items.flatMap((i) => i.targets.map((t) => ({ no: i.no, ...t })));
  const rows = plan.sections.flatMap((s) =>
    s.items.map((i) => [
      `${s.no}.${i.no}`,
      i.title,
      String(i.tasks.length),
      String(i.targets.length),
      i.due,
      i.suggestedUnit ?? '—',
      itemState(i),
    ]),
  );
  const comparator = { eq: '=', gte: '≥', lte: '≤' } as const;
  return [
    `${plan.title}（${plan.year} 年）：${plan.sections.length} 个部分，${items.length} 个工作事项，${targets.length} 项量化指标`,
    '',
    formatTable(['编号', '工作事项', '任务', '指标', '截止日期', '建议牵头单位', '备注'], rows),
    '',
    '量化指标：',
    formatTable(
      ['事项', '指标', '数量', '单位', '每（计量对象）'],
      targets.map((t) => [
        String(t.no),
        t.subject,
        `${comparator[t.comparator]} ${t.quantity}`,
        t.unit,
        t.per ?? '',
      ]),
    ),
  ].join('\n');
}

export function registerPlanCommands(program: Command): void {
  const plan = program.command('plan').description('工作要点');
  plan
    .command('parse')
    .description('读取工作要点文档（txt/docx），输出部分、事项、任务、量化指标与截止日期')
    .argument('<file>', '文档路径（UTF-8/UTF-16/GB18030 文本或 .docx）')
    .option('--year <year>', '计划年度（标题中没有年份时使用）', parseYear)
    .option('--json', '以 JSON 输出完整结构')
    .option(
      '--owner-rules <file>',
      '牵头单位建议规则（JSON：[{"unit": "养老服务科", "keywords": ["养老"]}]）',
    )
    .action(
      async (file: string, options: { year?: number; json?: boolean; ownerRules?: string }) => {
        const bytes = readInput(file);
        const result = await parsePlanBytes(bytes, {
          year: options.year,
          fileName: path.basename(file),
          ownerRules: options.ownerRules ? readOwnerRules(options.ownerRules) : undefined,
        });
        if (!result.ok) {
          [...result.errors, ...result.warnings].forEach((issue) =>
            console.error(`duban: ${issueLine(issue)}`),
          );
          if (result.errors.some((e) => e.code === PlanIssueCode.YearMissing)) {
            console.error('duban: 用 --year YYYY 指定计划年度 (pass --year YYYY)');
          }
          process.exitCode = 1;
          return;
        }
        if (options.json) {
          console.log(JSON.stringify(result.plan, null, 2));
          return;
        }
        console.log(summary(result.plan));
        if (result.plan.warnings.length > 0) {
          console.log(
            ['', '提示：', ...result.plan.warnings.map((w) => `  ${issueLine(w)}`)].join('\n'),
          );
        }
      },
    );
}
