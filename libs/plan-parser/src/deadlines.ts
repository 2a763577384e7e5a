import { parseChineseNumeral } from './chinese-numerals';
import { maskQuoted } from './sentences';

export interface Deadline {
  /** YYYY-MM-DD */
  readonly date: string;
  /** The words it was read from, e.g. 2024年底前. */
  readonly phrase: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const BEFORE = '(?:前|之前|以前)?';
const YEAR = '(?:(\\d{4})年)?';
const MONTH_NUMBER = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';

type Rule = {
  readonly pattern: RegExp;
  readonly resolve: (m: RegExpExecArray, planYear: number) => string | undefined;
};

const yearOf = (m: RegExpExecArray, planYear: number) => (m[1] ? Number(m[1]) : planYear);
const monthOf = (text: string | undefined) =>
  text ? (/^\d+$/.test(text) ? Number(text) : parseChineseNumeral(text)) : undefined;

function validDate(year: number, month: number | undefined, day: number): string | undefined {
  if (month === undefined || month < 1 || month > 12 || day < 1 || day > lastDay(year, month))
    return undefined;
  return iso(year, month, day);
}

const QUARTER_END: Readonly<Record<number, [number, number]>> = {
  1: [3, 31],
  2: [6, 30],
  3: [9, 30],
  4: [12, 31],
};

/** Order matters: the more specific phrase is tried first at each position. */
const RULES: readonly Rule[] = [
  {
    pattern: new RegExp(`${YEAR}${MONTH_NUMBER}月(\\d{1,2})日${BEFORE}`, 'y'),
    resolve: (m, y) => validDate(yearOf(m, y), monthOf(m[2]), Number(m[3])),
  },
  {
    pattern: new RegExp(`${YEAR}${MONTH_NUMBER}月(?:底|末|份)${BEFORE}`, 'y'),
    resolve: (m, y) => {
      const month = monthOf(m[2]);
      return month ? validDate(yearOf(m, y), month, lastDay(yearOf(m, y), month)) : undefined;
    },
  },
  {
    pattern: new RegExp(`${YEAR}(?:第)?([一二三四1-4])季度(?:末|底)?${BEFORE}`, 'y'),
    resolve: (m, y) => {
      const quarter = QUARTER_END[monthOf(m[2]) ?? 0];
      return quarter ? iso(yearOf(m, y), quarter[0], quarter[1]) : undefined;
    },
  },
  {
    pattern: new RegExp(`${YEAR}上半年${BEFORE}`, 'y'),
    resolve: (m, y) => iso(yearOf(m, y), 6, 30),
  },
  {
    pattern: new RegExp(`${YEAR}下半年${BEFORE}`, 'y'),
    resolve: (m, y) => iso(yearOf(m, y), 12, 31),
  },
  {
    pattern: new RegExp(`(\\d{4})?年(?:底|末)${BEFORE}`, 'y'),
    resolve: (m, y) => iso(yearOf(m, y), 12, 31),
  },
  {
    pattern: new RegExp(`(\\d{4}年)?(?:年内|年度内)`, 'y'),
    resolve: (m, y) => iso(m[1] ? Number(m[1].slice(0, 4)) : y, 12, 31),
  },
];

/** Characters that make 年内 part of a span (三年内) rather than "within the plan year". */
const SPAN_BEFORE = /[\d一二两三四五六七八九十几]$/;

/** Deadlines stated in a sentence, resolved against the plan year; quotes and titles are skipped. */
export function findDeadlines(sentence: string, planYear: number): Deadline[] {
  const text = maskQuoted(sentence);
  const found: Deadline[] = [];
  for (let at = 0; at < text.length; at += 1) {
    for (const rule of RULES) {
      rule.pattern.lastIndex = at;
      const match = rule.pattern.exec(text);
      if (!match) continue;
      if (!match[1] && SPAN_BEFORE.test(text.slice(0, at))) continue;
      const date = rule.resolve(match, planYear);
      if (!date) continue;
      found.push({ date, phrase: match[0] });
      at += match[0].length - 1;
      break;
    }
  }
  return found;
}

/** The latest of the deadlines: an item is due when its last stated task is. */
export function latestDeadline(deadlines: readonly Deadline[]): Deadline | undefined {
  return deadlines.reduce<Deadline | undefined>(
    (latest, d) => (!latest || d.date > latest.date ? d : latest),
    undefined,
  );
}
