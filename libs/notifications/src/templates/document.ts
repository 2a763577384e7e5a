import type { Locale } from '../message.types';

/**
 * A message written once and rendered three ways (plain text, HTML, chat markdown), so the
 * parts of a mail and its chat twin can never say different things. Text here is raw data:
 * each renderer does its own escaping.
 */
export interface MessageDocument {
  readonly locale: Locale;
  readonly subject: string;
  readonly blocks: readonly Block[];
  /** Mail only: a chat robot's message is self-evidently automatic and has nobody to reply to. */
  readonly footer: string;
  /** Between a label and its value: the full-width `：` in Chinese, `: ` in English. */
  readonly colon: string;
}

export interface Field {
  readonly label: string;
  /** May span lines (a leader's comment); every other value is one line. */
  readonly value: string;
}

export interface Link {
  readonly label: string;
  readonly url: string;
}

/** A list line: an emphasised lead (`已逾期 3 天`), the rest, and where to act on it. */
export interface ListEntry {
  readonly lead: string | null;
  readonly text: string;
  readonly link: Link | null;
}

export type Block =
  | { readonly type: 'paragraph'; readonly text: string; readonly strong?: boolean }
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'fields'; readonly fields: readonly Field[] }
  | { readonly type: 'list'; readonly entries: readonly ListEntry[] }
  | { readonly type: 'link'; readonly link: Link };

/**
 * Only web addresses become clickable: a link is configuration, but a `javascript:` one in a
 * mail would run on a click, so anything else is shown as text.
 */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Data typed into a title can carry line breaks; a subject header or a list line cannot. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A field value's own lines, each trimmed at its end; blank lines are dropped. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}
