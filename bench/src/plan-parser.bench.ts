import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlanText, type ParseResult } from '@duban/plan-parser';
import { medianMs } from './measure';

/**
 * Parsing cost per work item, on the sample and on a synthetic plan 100 times its size, in the
 * same run. Linear parsing keeps the ratio near 1; the target is at most 1.5.
 */
const TARGET_RATIO = 1.5;
const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function chinese(n: number): string {
  const tens = Math.floor(n / 10);
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${NUMERALS[tens]}十`}${NUMERALS[n % 10]}`;
}

/**
 * 90 sections of 39 items each (numbering restarts per section); item k takes the body of sample
 * item k mod 35, so bodies and heading-only items come in the sample's proportions.
 */
function syntheticPlan(sampleText: string): string {
  const parsed = parsePlanText(sampleText);
  if (!parsed.ok) throw new Error('the sample does not parse');
  const bodies = parsed.plan.sections.flatMap((s) => s.items.map((i) => i.body.replace(/\n/g, '')));
  const lines = [
    '区民政局2024年工作要点',
    '全区民政系统要以习近平新时代中国特色社会主义思想为指导。',
  ];
  for (let s = 1; s <= 90; s += 1) {
    lines.push(`${chinese(s)}、第${s}部分工作`);
    for (let i = 1; i <= 39; i += 1) {
      const body = bodies[((s - 1) * 39 + i - 1) % bodies.length] ?? '';
      lines.push(`(${chinese(i)})第${s}部分第${i}项工作${body ? `。${body}` : ''}`);
    }
  }
  return lines.join('\n');
}

function itemCount(result: ParseResult): number {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan.sections.reduce((n, s) => n + s.items.length, 0);
}

const sample = fs.readFileSync(
  path.resolve(__dirname, '../../samples/plans/2024-district-civil-affairs-work-plan.txt'),
  'utf8',
);
const synthetic = syntheticPlan(sample);
const cases = [
  { name: 'sample', text: sample, runs: 200 },
  { name: 'synthetic ×100', text: synthetic, runs: 15 },
].map((c) => {
  const items = itemCount(parsePlanText(c.text));
  const ms = medianMs(() => parsePlanText(c.text), { runs: c.runs, warmup: 3 });
  return { ...c, items, ms, usPerItem: (ms * 1000) / items };
});

for (const c of cases) {
  process.stdout.write(
    `${c.name.padEnd(16)} ${String(c.text.length).padStart(8)} chars  ${String(c.items).padStart(5)} items  ${c.ms.toFixed(2).padStart(8)} ms  ${c.usPerItem.toFixed(1).padStart(7)} µs/item\n`,
  );
}
const [small, large] = cases;
const ratio = (large?.usPerItem ?? Number.NaN) / (small?.usPerItem ?? Number.NaN);
process.stdout.write(
  `per-item cost ratio (synthetic / sample): ${ratio.toFixed(2)}  (linear ≈ 1; target ≤ ${TARGET_RATIO}) ${ratio <= TARGET_RATIO ? 'OK' : 'ABOVE TARGET'}\n`,
);
