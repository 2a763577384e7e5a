import { parseChineseNumeral } from './chinese-numerals';

export type LineKind =
  | { readonly kind: 'section'; readonly no: number; readonly text: string }
  | { readonly kind: 'item'; readonly no: number; readonly text: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'blank' };

const SECTION = /^([一二三四五六七八九十]{1,3})[、．.]\s*(.*)$/;
const ITEM = /^\(([一二三四五六七八九十]{1,3})\)\s*(.*)$/;

/** Full-width brackets and digits read as their ASCII forms; the rest of the text is kept. */
export function normaliseLine(line: string): string {
  return line
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\u00a0\u3000]/g, ' ')
    .trim();
}

function numbered(match: RegExpExecArray | null): { no: number; text: string } | undefined {
  if (!match) return undefined;
  const no = parseChineseNumeral(match[1] ?? '');
  return no !== undefined && no >= 1 && no <= 99
    ? { no, text: (match[2] ?? '').trim() }
    : undefined;
}

export function classifyLine(line: string): LineKind {
  if (!line) return { kind: 'blank' };
  const section = numbered(SECTION.exec(line));
  if (section && section.text) return { kind: 'section', ...section };
  const item = numbered(ITEM.exec(line));
  if (item) return { kind: 'item', ...item };
  // Sub-points (1. / 1、 / (1) / ①) are body text: each stays its own line, and so its own task.
  return { kind: 'text', text: line };
}

/** Splits lines on LF, CRLF or CR, after dropping a byte-order mark. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}
