import { findDeadlines, latestDeadline, type Deadline } from './deadlines';
import { checkInputSize, decodePlanBytes, type TextEncodingName } from './decode';
import { docxText, looksLikeDocx } from './docx-text';
import { splitLines } from './headings';
import { DEFAULT_OWNER_RULES, suggestUnit } from './owner-rules';
import { ERROR_CODES, planIssue } from './plan-issue';
import {
  PlanIssueCode,
  type ParseOptions,
  type ParseResult,
  type PlanIssue,
  type PlanItem,
  type PlanSection,
  type PlanTask,
} from './plan.types';
import { findReferences } from './references';
import { endsSentence, splitSentences } from './sentences';
import { readStructure, type DocumentStructure, type ItemDraft } from './structure';
import { findTargets } from './targets';

/** 20, 21, 22, 25 → 20–22, 25 */
function numberRanges(numbers: readonly number[], separator: string): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] ?? 0) + 1) j += 1;
    parts.push(i === j ? String(numbers[i]) : `${numbers[i]}–${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(separator);
}

/** Items named by number, or by section.item where every section restarts at (一). */
function itemList(
  sections: readonly PlanSection[],
  pick: (item: PlanItem) => boolean,
  separator: string,
): string {
  const all = sections.flatMap((s) => s.items);
  if (new Set(all.map((i) => i.no)).size === all.length) {
    return numberRanges(
      all.filter(pick).map((i) => i.no),
      separator,
    );
  }
  return sections
    .flatMap((s) => s.items.filter(pick).map((i) => `${s.no}.${i.no}`))
    .join(separator);
}

/**
 * The plan year, and how far the text's own dates move to reach it: a year the user gives wins
 * over the title's (a plan re-used for another year), and the dates read from the text follow.
 */
interface YearFrame {
  /** The year the text speaks of: relative dates (年底前) resolve against it. */
  readonly textYear: number;
  /** Years added to every date read from the text. */
  readonly shift: number;
}

function planYear(
  title: string | null,
  options: ParseOptions,
  issues: PlanIssue[],
): YearFrame | undefined {
  const fromTitle = title ? /((?:19|20)\d{2})年/.exec(title)?.[1] : undefined;
  if (fromTitle && options.year && Number(fromTitle) !== options.year) {
    const shift = options.year - Number(fromTitle);
    issues.push(
      planIssue(
        PlanIssueCode.YearMismatch,
        null,
        `标题中的年度 ${fromTitle} 与指定年度 ${options.year} 不一致，采用指定年度：标题改为 ${options.year} 年，正文中的日期相应顺延 ${shift} 年`,
        `the title says ${fromTitle} but the year given is ${options.year}; using ${options.year} in the title, with the dates in the text moved by ${shift} years`,
      ),
    );
    return { textYear: Number(fromTitle), shift };
  }
  const year = fromTitle ? Number(fromTitle) : options.year;
  return year === undefined ? undefined : { textYear: year, shift: 0 };
}

const yearOf = (frame: YearFrame) => frame.textYear + frame.shift;

/** `2024-02-29` two years on is `2026-02-28`: the last day of the month stays the last. */
function shiftDate(date: string, years: number): string {
  if (years === 0) return date;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${y + years}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function deadlinesIn(text: string, frame: YearFrame): Deadline[] {
  return findDeadlines(text, frame.textYear).map((d) => ({
    ...d,
    date: shiftDate(d.date, frame.shift),
  }));
}

function buildTasks(body: string, frame: YearFrame): PlanTask[] {
  return splitSentences(body).map((text) => {
    const deadline = latestDeadline(deadlinesIn(text, frame));
    return { text, due: deadline?.date ?? null, dueSource: deadline?.phrase ?? null };
  });
}

function buildItem(
  draft: ItemDraft,
  structure: DocumentStructure,
  frame: YearFrame,
  options: ParseOptions,
): PlanItem {
  const body = draft.body.join('\n');
  const tasks = buildTasks(body, frame);
  const deadline = latestDeadline([
    ...deadlinesIn(draft.title, frame),
    ...deadlinesIn(body, frame),
  ]);
  return {
    no: draft.no,
    title: draft.title,
    body,
    bodyMissing: draft.body.length === 0,
    truncated: draft === structure.lastItemWithBody && !endsSentence(body),
    tasks,
    targets: tasks.flatMap((task) => findTargets(task.text)),
    due: deadline?.date ?? `${yearOf(frame)}-12-31`,
    dueSource: deadline?.phrase ?? null,
    references: findReferences(body),
    suggestedUnit: suggestUnit(draft.title, body, options.ownerRules ?? DEFAULT_OWNER_RULES),
    line: draft.line,
  };
}

function completenessWarnings(
  sections: readonly PlanSection[],
  structure: DocumentStructure,
): PlanIssue[] {
  const items = sections.flatMap((s) => s.items);
  const missing = items.filter((i) => i.bodyMissing).length;
  const warnings: PlanIssue[] = [];
  if (missing > 0) {
    const isMissing = (i: PlanItem) => i.bodyMissing;
    warnings.push(
      planIssue(
        PlanIssueCode.BodyMissing,
        null,
        `${missing} 个工作事项只有标题、没有正文（第 ${itemList(sections, isMissing, '、')} 项），请核对原文是否完整`,
        `${missing} items have a heading but no body (${itemList(sections, isMissing, ', ')}); check that the document is complete`,
      ),
    );
  }
  const truncated = items.find((i) => i.truncated);
  if (truncated) {
    warnings.push(
      planIssue(
        PlanIssueCode.BodyTruncated,
        structure.lastBodyLine,
        `正文在第 ${truncated.no} 项（${truncated.title}）中途结束，文档可能不完整`,
        `the body stops in the middle of item ${truncated.no}; the document may be cut off`,
      ),
    );
  }
  return warnings;
}

function failed(issues: readonly PlanIssue[]): ParseResult {
  return {
    ok: false,
    errors: issues.filter((i) => ERROR_CODES.has(i.code)),
    warnings: issues.filter((i) => !ERROR_CODES.has(i.code)),
  };
}

/** Reads a decoded 工作要点 document. Never throws: problems come back as coded issues. */
export function parsePlanText(text: string, options: ParseOptions = {}): ParseResult {
  if (text.trim() === '') {
    return failed([
      planIssue(PlanIssueCode.EmptyInput, null, '文档没有内容', 'the document has no text'),
    ]);
  }
  const { structure, warnings } = readStructure(splitLines(text));
  const issues = [...warnings];
  if (structure.sections.length === 0) {
    issues.push(
      planIssue(
        PlanIssueCode.NoHeadings,
        null,
        '没有找到“一、”或“(一)”形式的标题，无法识别工作要点的结构',
        'no headings such as 一、 or (一) were found',
      ),
    );
    return failed(issues);
  }
  if (structure.title === null) {
    issues.push(
      planIssue(
        PlanIssueCode.TitleMissing,
        null,
        '没有找到文档标题（如“……年工作要点”）',
        'no document title found',
      ),
    );
  }
  const frame = planYear(structure.title, options, issues);
  if (frame === undefined) {
    issues.push(
      planIssue(
        PlanIssueCode.YearMissing,
        structure.titleLine,
        '无法确定计划年度：标题中没有年份，请另行指定年度',
        'the plan year is unknown: the title has no year; give the year separately',
      ),
    );
    return failed(issues);
  }
  const sections: PlanSection[] = structure.sections.map((s) => ({
    no: s.no,
    title: s.title,
    intro: s.intro.join('\n'),
    line: s.line,
    items: [...s.items.values()]
      .sort((a, b) => a.no - b.no)
      .map((d) => buildItem(d, structure, frame, options)),
  }));
  return {
    ok: true,
    plan: {
      // A plan given another year says so in its title too: it heads every notice.
      title: (structure.title ?? '').replace(`${frame.textYear}年`, `${yearOf(frame)}年`),
      year: yearOf(frame),
      preamble: structure.preamble.join('\n'),
      sections,
      warnings: [...issues, ...completenessWarnings(sections, structure)],
    },
  };
}

type DocumentText =
  | { readonly text: string; readonly encoding: TextEncodingName | 'docx' }
  | { readonly issue: PlanIssue };

async function documentText(bytes: Uint8Array, fileName?: string): Promise<DocumentText> {
  const sizeIssue = checkInputSize(bytes);
  if (sizeIssue) return { issue: sizeIssue };
  if (looksLikeDocx(bytes, fileName)) {
    try {
      return { text: await docxText(bytes), encoding: 'docx' };
    } catch {
      return {
        issue: planIssue(
          PlanIssueCode.UnreadableDocx,
          null,
          '无法读取 .docx 文件（文件损坏或不是 Word 文档）',
          'the .docx file cannot be read',
        ),
      };
    }
  }
  const decoded = decodePlanBytes(bytes);
  return decoded.ok ? { text: decoded.text, encoding: decoded.encoding } : { issue: decoded.issue };
}

/** Reads a document as uploaded: UTF-8, UTF-16 with BOM, GB18030/GBK, or .docx. */
export async function parsePlanBytes(
  bytes: Uint8Array,
  options: ParseOptions & { readonly fileName?: string } = {},
): Promise<ParseResult> {
  const source = await documentText(bytes, options.fileName);
  if ('issue' in source) return failed([source.issue]);
  const result = parsePlanText(source.text, options);
  const { encoding } = source;
  if (encoding === 'utf-8' || encoding === 'docx') return result;
  const note = planIssue(
    PlanIssueCode.EncodingDetected,
    null,
    `文件按 ${encoding.toUpperCase()} 编码读取`,
    `the file was read as ${encoding.toUpperCase()}`,
  );
  return result.ok
    ? { ok: true, plan: { ...result.plan, warnings: [note, ...result.plan.warnings] } }
    : { ...result, warnings: [note, ...result.warnings] };
}
