import { parsePlanBytes, parsePlanText } from './parse-plan';
import { MAX_INPUT_BYTES } from './decode';
import { PlanIssueCode, type ParseResult, type PlanIssue } from './plan.types';

const TITLE = '区民政局2024年工作要点';

function errorsOf(result: ParseResult): PlanIssue[] {
  if (result.ok) throw new Error('expected the document to be refused');
  return [...result.errors];
}

function warningsOf(result: ParseResult): PlanIssue[] {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return [...result.plan.warnings];
}

describe('documents that cannot be read are refused with a coded, bilingual error', () => {
  it.each<[string, Uint8Array, PlanIssueCode]>([
    ['empty input', new Uint8Array(), PlanIssueCode.EmptyInput],
    ['whitespace only', new TextEncoder().encode(' \n\r\n\t '), PlanIssueCode.EmptyInput],
    [
      'binary input',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      PlanIssueCode.BinaryInput,
    ],
    [
      'bytes in no known encoding',
      Uint8Array.from({ length: 400 }, (_, i) => 0x80 + ((i * 37) % 0x7f)),
      PlanIssueCode.UnknownEncoding,
    ],
    [
      'input over 5 MB',
      new Uint8Array(MAX_INPUT_BYTES + 1).fill(0x41),
      PlanIssueCode.InputTooLarge,
    ],
    [
      'a broken .docx',
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      PlanIssueCode.UnreadableDocx,
    ],
    [
      'text without headings',
      new TextEncoder().encode(`${TITLE}\n全面推进各项工作。`),
      PlanIssueCode.NoHeadings,
    ],
  ])('%s', async (_case, bytes, code) => {
    const [error, ...rest] = errorsOf(await parsePlanBytes(bytes));
    expect(rest).toEqual([]);
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(error?.messageEn).toMatch(/^[a-z][a-z0-9 .,;:'()]{10,}/i);
  });

  it('needs a year from the title or from the options', () => {
    const text = '民政工作要点\n一、救助\n(一)做好救助。完成改造5户。';
    expect(errorsOf(parsePlanText(text)).map((e) => e.code)).toEqual([PlanIssueCode.YearMissing]);
    const result = parsePlanText(text, { year: 2025 });
    expect(result.ok && result.plan.year).toBe(2025);
    expect(result.ok && result.plan.sections[0]?.items[0]?.due).toBe('2025-12-31');
  });

  it('takes the year the user gives over the title, with a warning, and moves the text dates to it', () => {
    const body = '(一)做好救助。2024年6月底前完成摸底。2025年2月底前完成改造。年底前验收。';
    const result = parsePlanText(`${TITLE}\n一、救助\n${body}`, { year: 2026 });
    if (!result.ok) throw new Error('not parsed');
    expect(result.plan.year).toBe(2026);
    expect(result.plan.title).toContain('2026年');
    expect(result.plan.title).not.toContain('2024');
    expect(warningsOf(result).map((w) => w.code)).toEqual([PlanIssueCode.YearMismatch]);
    expect(warningsOf(result)[0]?.message).toContain('采用指定年度');
    const item = result.plan.sections[0]?.items[0];
    expect(item?.tasks.map((t) => t.due).filter(Boolean)).toEqual([
      '2026-06-30',
      '2027-02-28',
      '2026-12-31',
    ]);
    expect(item?.due).toBe('2027-02-28');
  });
});

describe('irregular numbering is kept and reported with its line', () => {
  it('reports a skipped item number', () => {
    const warnings = warningsOf(
      parsePlanText(`${TITLE}\n一、救助\n(一)甲。做甲。\n(三)丙。做丙。`),
    );
    expect(warnings).toEqual([
      expect.objectContaining({ code: PlanIssueCode.NumberSkipped, line: 4 }),
    ]);
  });

  it('reports a skipped section number', () => {
    const warnings = warningsOf(
      parsePlanText(`${TITLE}\n一、救助\n(一)甲。做甲。\n三、养老\n(二)乙。做乙。`),
    );
    expect(warnings).toEqual([
      expect.objectContaining({ code: PlanIssueCode.NumberSkipped, line: 4 }),
    ]);
  });

  it('reports a duplicated item and keeps both bodies', () => {
    const result = parsePlanText(`${TITLE}\n一、救助\n(一)甲。做好甲。\n(一)甲。再做甲。`);
    expect(warningsOf(result).map((w) => [w.code, w.line])).toEqual([
      [PlanIssueCode.NumberDuplicated, 4],
    ]);
    expect(result.ok && result.plan.sections[0]?.items).toHaveLength(1);
    expect(result.ok && result.plan.sections[0]?.items[0]?.body).toBe('做好甲。\n再做甲。');
  });

  it('reads items numbered from (一) in every section', () => {
    const result = parsePlanText(
      `${TITLE}\n一、救助\n(一)甲。做甲。\n(二)乙。做乙。\n二、养老\n(一)丙。做丙。\n(二)丁。做丁。`,
    );
    expect(warningsOf(result)).toEqual([]);
    expect(
      result.ok &&
        result.plan.sections.map((s) => s.items.map((i) => `${s.no}.${i.no} ${i.title}`)),
    ).toEqual([
      ['1.1 甲', '1.2 乙'],
      ['2.1 丙', '2.2 丁'],
    ]);
  });

  it('keeps items that come before any section, and says so', () => {
    const result = parsePlanText(`${TITLE}\n(一)甲。做好甲。\n一、救助\n(二)乙。做好乙。`);
    expect(warningsOf(result).map((w) => w.code)).toEqual([PlanIssueCode.ItemOutsideSection]);
    expect(result.ok && result.plan.sections.map((s) => s.no)).toEqual([0, 1]);
  });

  it('names items of sections that restart at (一) by section and number', () => {
    const result = parsePlanText(
      `${TITLE}\n一、救助\n(一)甲。做甲。\n二、养老\n(一)丙。\n(二)丁。`,
    );
    expect(warningsOf(result)[0]?.messageEn).toMatch(/\(2\.1, 2\.2\)/);
  });

  it('keeps numbered sub-points of an item as tasks of its body', () => {
    const result = parsePlanText(
      `${TITLE}\n一、救助\n(一)甲。\n1.摸清底数\n2、建立台账\n(3)年底前完成验收\n①按月报送`,
    );
    const tasks = result.ok ? result.plan.sections[0]?.items[0]?.tasks : undefined;
    expect(tasks?.map((t) => t.text)).toEqual([
      '1.摸清底数',
      '2、建立台账',
      '(3)年底前完成验收',
      '①按月报送',
    ]);
    expect(tasks?.[2]).toMatchObject({ due: '2024-12-31', dueSource: '年底前' });
  });
});
