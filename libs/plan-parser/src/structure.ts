import { classifyLine, normaliseLine, type LineKind } from './headings';
import { planIssue } from './plan-issue';
import { PlanIssueCode, type PlanIssue } from './plan.types';

export interface ItemDraft {
  readonly no: number;
  title: string;
  line: number;
  readonly body: string[];
  /** The pass (outline, body, …) whose text filled the body; a second one is a duplicate. */
  bodyPass: number | null;
}

export interface SectionDraft {
  readonly no: number;
  title: string;
  readonly line: number;
  readonly intro: string[];
  readonly items: Map<number, ItemDraft>;
}

export interface DocumentStructure {
  readonly title: string | null;
  readonly titleLine: number | null;
  readonly preamble: string[];
  readonly sections: SectionDraft[];
  /** The item that received the last line of body text, if any: where a cut-off document ends. */
  readonly lastItemWithBody: ItemDraft | null;
  readonly lastBodyLine: number | null;
}

type Classified = { readonly line: number; readonly kind: LineKind };

const TITLE = /工作(?:要点|计划|任务|安排)|要点$/;

function isTitleLine(text: string): boolean {
  return text.length <= 60 && TITLE.test(text) && !/[。；;]/.test(text);
}

/** An item line reads 标题。正文…: the heading sentence is the title, the rest begins the body. */
function splitHeading(text: string): [string, string] {
  const end = text.search(/[。；;]/);
  return end < 0
    ? [text.replace(/[，,：:]$/, ''), '']
    : [text.slice(0, end), text.slice(end + 1).trim()];
}

/**
 * A document may list its headings twice (an outline, then the body): a section number going
 * back to 一 starts a new pass. Items are numbered either across the document or from (一) in
 * every section; the first pass that shows two sections starting at (一) says which.
 */
function itemsRestartPerSection(lines: readonly Classified[]): boolean {
  let lastSection = 0;
  let sectionsStartingAtOne = 0;
  let awaitingFirstItem = false;
  for (const { kind } of lines) {
    if (kind.kind === 'section') {
      if (kind.no <= lastSection && kind.no === 1) sectionsStartingAtOne = 0;
      lastSection = kind.no;
      awaitingFirstItem = true;
    } else if (kind.kind === 'item' && awaitingFirstItem) {
      awaitingFirstItem = false;
      if (kind.no === 1 && ++sectionsStartingAtOne >= 2) return true;
    }
  }
  return false;
}

const zhOrdinal = (level: 'section' | 'item', no: number) =>
  level === 'section' ? `第${no}部分` : `第${no}项`;

export function readStructure(rawLines: readonly string[]): {
  structure: DocumentStructure;
  warnings: PlanIssue[];
} {
  const lines: Classified[] = rawLines.map((raw, i) => ({
    line: i + 1,
    kind: classifyLine(normaliseLine(raw)),
  }));
  const restart = itemsRestartPerSection(lines);
  const warnings: PlanIssue[] = [];
  const sections = new Map<number, SectionDraft>();
  const preamble: string[] = [];
  let title: string | null = null;
  let titleLine: number | null = null;
  let pass = 0;
  let lastSectionNo = 0;
  let lastItemNo = 0;
  let section: SectionDraft | undefined;
  let item: ItemDraft | undefined;
  let lastItemWithBody: ItemDraft | null = null;
  let lastBodyLine: number | null = null;

  const checkSequence = (level: 'section' | 'item', no: number, last: number, line: number) => {
    if (no <= last) {
      warnings.push(
        planIssue(
          PlanIssueCode.NumberDuplicated,
          line,
          `${zhOrdinal(level, no)}编号重复或顺序颠倒（前一个是${zhOrdinal(level, last)}）`,
          `${level} ${no} repeats or goes back (the previous one was ${last})`,
        ),
      );
    } else if (no > last + 1) {
      warnings.push(
        planIssue(
          PlanIssueCode.NumberSkipped,
          line,
          `编号跳过：${zhOrdinal(level, last)}之后是${zhOrdinal(level, no)}`,
          `${level} numbering skips from ${last} to ${no}`,
        ),
      );
    }
  };

  const mismatch = (
    level: 'section' | 'item',
    no: number,
    kept: string,
    other: string,
    line: number,
  ) =>
    warnings.push(
      planIssue(
        PlanIssueCode.HeadingMismatch,
        line,
        `${zhOrdinal(level, no)}的标题前后不一致：“${kept}” 与 “${other}”，采用前者`,
        `${level} ${no} has two different titles; keeping the first one`,
      ),
    );

  const appendBody = (target: ItemDraft, text: string, line: number) => {
    if (target.bodyPass !== null && target.bodyPass !== pass) {
      warnings.push(
        planIssue(
          PlanIssueCode.NumberDuplicated,
          line,
          `${zhOrdinal('item', target.no)}的正文出现了两次，已合并`,
          `item ${target.no} has body text twice; both are kept`,
        ),
      );
    }
    target.bodyPass = pass;
    target.body.push(text);
    lastItemWithBody = target;
    lastBodyLine = line;
  };

  const sectionFor = (line: number): SectionDraft => {
    if (section) return section;
    warnings.push(
      planIssue(
        PlanIssueCode.ItemOutsideSection,
        line,
        '工作事项出现在任何部分标题之前，归入“未分组”',
        'an item comes before any section heading; it is grouped under section 0',
      ),
    );
    section = sections.get(0) ?? { no: 0, title: '未分组', line, intro: [], items: new Map() };
    sections.set(0, section);
    return section;
  };

  for (const { line, kind } of lines) {
    switch (kind.kind) {
      case 'blank':
        break;
      case 'section': {
        if (kind.no === 1 && lastSectionNo >= 1) {
          pass += 1;
          lastSectionNo = 0;
          lastItemNo = 0;
        }
        checkSequence('section', kind.no, lastSectionNo, line);
        lastSectionNo = Math.max(lastSectionNo, kind.no);
        const heading = kind.text.replace(/[。；;]$/, '');
        const existing = sections.get(kind.no);
        if (existing && existing.title !== heading)
          mismatch('section', kind.no, existing.title, heading, line);
        section = existing ?? { no: kind.no, title: heading, line, intro: [], items: new Map() };
        sections.set(kind.no, section);
        item = undefined;
        if (restart) lastItemNo = 0;
        break;
      }
      case 'item': {
        const owner = sectionFor(line);
        checkSequence('item', kind.no, lastItemNo, line);
        lastItemNo = Math.max(lastItemNo, kind.no);
        const [heading, rest] = splitHeading(kind.text);
        const existing = owner.items.get(kind.no);
        if (existing && heading && existing.title && existing.title !== heading) {
          mismatch('item', kind.no, existing.title, heading, line);
        }
        item = existing ?? { no: kind.no, title: heading, line, body: [], bodyPass: null };
        if (!item.title) item.title = heading;
        owner.items.set(kind.no, item);
        if (rest) {
          item.line = line;
          appendBody(item, rest, line);
        }
        break;
      }
      case 'text':
        if (title === null && isTitleLine(kind.text)) {
          title = kind.text;
          titleLine = line;
          section = undefined;
          item = undefined;
        } else if (item) {
          appendBody(item, kind.text, line);
        } else if (section) {
          section.intro.push(kind.text);
        } else {
          preamble.push(kind.text);
        }
        break;
    }
  }

  return {
    structure: {
      title,
      titleLine,
      preamble,
      sections: [...sections.values()].sort((a, b) => a.no - b.no),
      lastItemWithBody,
      lastBodyLine,
    },
    warnings,
  };
}
