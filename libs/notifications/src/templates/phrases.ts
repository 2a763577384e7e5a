import type { BundleKind, Locale, NoticeKind } from '../message.types';
import { en } from './phrases-en';
import { zhCN } from './phrases-zh-cn';

/** What a subject starts with; an escalation is either a plain overdue notice or a 催办单. */
export type Tag = Exclude<NoticeKind, 'escalation'> | 'overdue' | 'urging' | 'digest';

/** What a notice opens with, after the greeting; an extension decision goes either way. */
export type Intro =
  | Exclude<NoticeKind, 'escalation' | 'extension_decision'>
  | 'overdue'
  | 'urging'
  | 'extension_approved'
  | 'extension_refused'
  | 'extension_decided';

export type Label =
  | 'plan'
  | 'item'
  | 'unit'
  | 'milestone'
  | 'dueAt'
  | 'overdue'
  | 'level'
  | 'alsoTold'
  | 'reviewComment'
  | 'decisionComment'
  | 'reason'
  | 'requestedDueAt'
  | 'decision'
  | 'newDueAt';

/**
 * Every word a message uses, per language. Templates hold the structure and never a literal
 * phrase, so a message reads the same in both languages and neither can fall behind.
 * Dates arrive already formatted for the locale.
 */
export interface Phrases {
  readonly colon: string;
  /** Joins names: `李娜、王强` / `李娜, 王强`. */
  readonly nameSeparator: string;
  /** Joins the facts of one digest line. */
  readonly detailSeparator: string;
  subject(tag: Tag, parts: readonly string[]): string;
  greeting(name: string): string;
  /** The item in a subject or a digest line: `第12项 …`, `Item 12 …`. */
  itemRef(itemNo: number, title: string): string;
  /** The item as the value of its field, which is already labelled as one. */
  itemField(itemNo: number, title: string): string;
  overdueDays(days: number): string;
  dueInDays(days: number): string;
  /** A reminder's subject: how long is left, and the date (`还有 7 天到期（2024年6月30日）`). */
  dueIn(days: number, date: string): string;
  level(level: number): string;
  extensionRequested(date: string): string;
  extensionDecided(approved: boolean, date: string): string;
  decision(approved: boolean): string;
  readonly labels: Readonly<Record<Label, string>>;
  readonly intro: Readonly<Record<Intro, string>>;
  /** The urging notice's formal request, set apart after the facts. */
  readonly urgingRequest: string;
  readonly openItem: string;
  readonly footer: string;
  readonly digest: {
    /** The digest subject's counts: `到期3项 逾期2项`. */
    subjectCounts(due: number, overdue: number): string;
    intro(date: string, overdue: number, due: number): string;
    readonly empty: string;
    overdueHeading(count: number): string;
    dueHeading(count: number): string;
    noticesHeading(count: number): string;
    dueDate(date: string): string;
  };
  readonly bundle: {
    subject(kind: BundleKind, count: number): string;
    intro(kind: BundleKind, count: number): string;
  };
}

const PHRASES: Readonly<Record<Locale, Phrases>> = { 'zh-CN': zhCN, en };

export function phrases(locale: Locale): Phrases {
  return PHRASES[locale];
}
