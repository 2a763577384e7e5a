import fc from 'fast-check';
import { parsePlanBytes, parsePlanText } from './parse-plan';
import { PlanIssueCode, type ParseResult, type PlanIssue } from './plan.types';
import { samplePlanText } from './testing/sample-plan';

const CODES = new Set<string>(Object.values(PlanIssueCode));
const SAMPLE_LINES = samplePlanText().split('\n');

function assertWellFormedIssue(issue: PlanIssue): void {
  expect(CODES.has(issue.code)).toBe(true);
  expect(issue.message.length).toBeGreaterThan(0);
  expect(issue.messageEn.length).toBeGreaterThan(0);
  expect(issue.line === null || (Number.isInteger(issue.line) && issue.line >= 1)).toBe(true);
}

/** Whatever the input: a plan that holds together, or coded errors; never an exception. */
function assertWellFormed(result: ParseResult): void {
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    [...result.errors, ...result.warnings].forEach(assertWellFormedIssue);
    return;
  }
  const { plan } = result;
  plan.warnings.forEach(assertWellFormedIssue);
  const sectionNos = plan.sections.map((s) => s.no);
  expect(new Set(sectionNos).size).toBe(sectionNos.length);
  for (const section of plan.sections) {
    expect(new Set(section.items.map((i) => i.no)).size).toBe(section.items.length);
    for (const item of section.items) {
      expect(item.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(item.due))).toBe(false);
      expect(item.bodyMissing).toBe(item.body === '');
      item.targets.forEach((t) => expect(t.quantity).toBeGreaterThan(0));
    }
  }
}

type Mutation = (lines: string[]) => string[];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((i) => (lines: string[]) => lines.filter((_, j) => j !== i % lines.length)),
  fc
    .nat()
    .map((i) => (lines: string[]) => [
      ...lines.slice(0, i % lines.length),
      lines[i % lines.length] ?? '',
      ...lines.slice(i % lines.length),
    ]),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (lines: string[]) => {
    const copy = [...lines];
    const [a, b] = [i % copy.length, j % copy.length];
    [copy[a], copy[b]] = [copy[b] ?? '', copy[a] ?? ''];
    return copy;
  }),
  fc
    .tuple(fc.nat(), fc.string({ unit: 'grapheme', maxLength: 40 }))
    .map(([i, text]) => (lines: string[]) => {
      const copy = [...lines];
      copy.splice(i % copy.length, 0, text);
      return copy;
    }),
  fc.nat().map(
    (n) => (lines: string[]) =>
      lines
        .join('\n')
        .slice(0, n % 12_000)
        .split('\n'),
  ),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(
        '一、',
        '(十)',
        '（九十九）',
        '第',
        '。',
        '“',
        '《',
        '2024年底前',
        '不少于',
        '两个',
      ),
    )
    .map(
      ([i, text]) =>
        (lines: string[]) =>
          lines.map((line, j) => (j === i % lines.length ? `${text}${line}` : line)),
    ),
);

describe('the parser never crashes', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 500 }),
        fc.option(fc.integer({ min: 1900, max: 2100 })),
        (text, year) => {
          assertWellFormed(parsePlanText(text, year === null ? {} : { year }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on arbitrary heading-like lines', () => {
    const line = fc.oneof(
      fc.constantFrom(
        '一、',
        '二、',
        '十、',
        '(一)',
        '(三十五)',
        '（九十九）',
        '1.',
        '①',
        '区民政局2024年工作要点',
        '',
      ),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(line, line).map(([a, b]) => a + b),
          { maxLength: 60 },
        ),
        (lines) => {
          assertWellFormed(parsePlanText(lines.join('\n'), { year: 2024 }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on the sample, mutated', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), (mutations) => {
        const lines = mutations.reduce(
          (acc, mutate) => (acc.length > 0 ? mutate(acc) : acc),
          SAMPLE_LINES,
        );
        assertWellFormed(parsePlanText(lines.join('\n')));
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), async (bytes) => {
        assertWellFormed(await parsePlanBytes(bytes));
      }),
      { numRuns: 300 },
    );
  });
});
