import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const sample = path.join(root, 'samples/plans/2024-district-civil-affairs-work-plan.txt');

function duban(...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'apps/cli/bin/duban.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
}

describe('npx duban plan parse', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-plan-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the plan as JSON in the documented shape', () => {
    const run = duban('plan', 'parse', sample, '--json');
    expect(run.status).toBe(0);
    const plan = JSON.parse(run.stdout) as {
      title: string;
      year: number;
      sections: { no: number; title: string; items: Record<string, unknown>[] }[];
      warnings: { line: number | null; code: string; message: string }[];
    };
    expect(plan).toMatchObject({ title: '区民政局2024年工作要点', year: 2024 });
    expect(plan.sections).toHaveLength(9);
    const items = plan.sections.flatMap((s) => s.items);
    expect(items).toHaveLength(35);
    expect(Object.keys(items[0] ?? {})).toEqual(
      expect.arrayContaining([
        'no',
        'title',
        'body',
        'bodyMissing',
        'truncated',
        'tasks',
        'targets',
        'due',
        'dueSource',
        'references',
        'suggestedUnit',
      ]),
    );
    expect(items.find((i) => i['no'] === 15)?.['targets']).toEqual(
      expect.arrayContaining([
        {
          text: '完成特殊困难老年人家庭适老化改造500户',
          quantity: 500,
          unit: '户',
          comparator: 'eq',
          subject: '特殊困难老年人家庭适老化改造',
          per: null,
        },
      ]),
    );
    expect(plan.warnings.map((w) => w.code)).toEqual(['BODY_MISSING', 'BODY_TRUNCATED']);
  });

  it('prints a readable summary without --json', () => {
    const run = duban('plan', 'parse', sample);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      '区民政局2024年工作要点（2024 年）：9 个部分，35 个工作事项，6 项量化指标',
    );
    expect(run.stdout).toMatch(
      /4\.15\s+健全居家社区养老服务网络\s+5\s+2\s+2024-12-31\s+养老服务科/,
    );
    expect(run.stdout).toContain('[BODY_TRUNCATED]');
  });

  it('takes the year from --year when the title has none', () => {
    const file = path.join(dir, 'no-year.txt');
    fs.writeFileSync(file, '民政工作要点\n一、救助\n(一)做好救助。上半年完成摸底。\n');
    const run = duban('plan', 'parse', file, '--year', '2026', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      year: 2026,
      sections: [{ items: [{ due: '2026-06-30', dueSource: '上半年' }] }],
    });
  });

  it.each([
    ['an empty file', '', /^duban: \[EMPTY_INPUT\] /],
    ['a file without headings', '随便写点什么。', /^duban: \[NO_HEADINGS\] /],
  ])('exits 1 with the errors on stderr for %s', (_case, content, error) => {
    const file = path.join(dir, 'bad.txt');
    fs.writeFileSync(file, content);
    const run = duban('plan', 'parse', file, '--json');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(error);
  });

  it('suggests lead units from a rule table given with --owner-rules', () => {
    const rules = path.join(dir, 'rules.json');
    fs.writeFileSync(rules, JSON.stringify([{ unit: '老龄办', keywords: ['养老'] }]));
    const run = duban('plan', 'parse', sample, '--json', '--owner-rules', rules);
    expect(run.status).toBe(0);
    const units = (
      JSON.parse(run.stdout) as { sections: { items: { suggestedUnit: string | null }[] }[] }
    ).sections
      .flatMap((s) => s.items)
      .map((i) => i.suggestedUnit);
    expect(new Set(units)).toEqual(new Set(['老龄办', null]));
  });

  it('exits 1 on a malformed rule table', () => {
    const rules = path.join(dir, 'bad-rules.json');
    fs.writeFileSync(rules, '[{"unit": "老龄办"}]');
    const run = duban('plan', 'parse', sample, '--owner-rules', rules);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `duban: --owner-rules ${rules}: owner rule 1 needs a unit name and at least one non-empty keyword`,
    );
  });

  it('exits 1 and points to --year when the year is unknown', () => {
    const file = path.join(dir, 'no-year.txt');
    fs.writeFileSync(file, '民政工作要点\n一、救助\n(一)做好救助。\n');
    const run = duban('plan', 'parse', file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^duban: \[YEAR_MISSING\] /);
    expect(run.stderr).toContain('--year YYYY');
  });

  it('exits 1 naming a file that does not exist', () => {
    const run = duban('plan', 'parse', path.join(dir, 'missing.txt'));
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`duban: 无法读取文件 ${path.join(dir, 'missing.txt')} (ENOENT)`);
  });

  it('exits 1 on a malformed --year', () => {
    const run = duban('plan', 'parse', sample, '--year', '24');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--year.*expected a year such as 2024/);
  });
});
