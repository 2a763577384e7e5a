/** The languages a person can receive notices in. */
export type { Locale } from '@duban/domain';

/** Every kind of message Duban sends, one template each. */
export type NoticeKind =
  | 'assignment'
  | 'reminder'
  | 'escalation'
  | 'approval_request'
  | 'returned'
  | 'approved'
  | 'extension_request'
  | 'extension_decision'
  | 'completed'
  | 'year_end';

export interface NoticeItem {
  readonly planTitle: string;
  readonly itemNo: number;
  readonly itemTitle: string;
  /** Lead unit's name, when one is assigned. */
  readonly unitName: string | null;
  /** Where the item can be opened in Duban. */
  readonly link: string;
}

export interface NoticeMilestone {
  readonly title: string;
  /** ISO-8601 instant; shown as a China-time date. */
  readonly dueAt: string;
}

/** An escalation step as its notice tells it. */
export interface NoticeEscalation {
  /** 1-based position on the escalation ladder. */
  readonly level: number;
  /** Whole calendar days since the deadline (0 on the day it passed). */
  readonly daysOverdue: number;
  /** Whether this step is a formal urging notice (催办单). */
  readonly urgingNotice: boolean;
}

/**
 * Everything a single notice says, gathered when it is queued, so a retried delivery sends the
 * same words. Fields a kind does not use are null.
 */
export interface NoticeData {
  readonly kind: NoticeKind;
  readonly recipientName: string;
  readonly item: NoticeItem;
  readonly milestone: NoticeMilestone | null;
  readonly escalation: NoticeEscalation | null;
  /** The others who received the same notice, by name (催办单: 同时告知). */
  readonly alsoTold: readonly string[];
  /** The leader's comment (returned, approved, extension decision) or a requester's reason. */
  readonly comment: string | null;
  /** Extension: the requested or granted new deadline, and the decision once taken. */
  readonly extension: { readonly dueAt: string; readonly approved: boolean | null } | null;
  /** When the notice was raised (ISO-8601). */
  readonly at: string;
}

/** One line of a digest: a milestone that is coming due or overdue. */
export interface DigestEntry {
  readonly item: NoticeItem;
  readonly milestone: NoticeMilestone;
  readonly state: 'due' | 'overdue';
  /** Overdue: whole days since the deadline; due: whole days left (0 = today). */
  readonly days: number;
}

export interface DigestData {
  readonly recipientName: string;
  /** The working day the digest is for, `YYYY-MM-DD` (China time). */
  readonly date: string;
  readonly entries: readonly DigestEntry[];
  /** Subjects of the single notices folded into this digest (digest-only recipients). */
  readonly notices: readonly string[];
}

/**
 * Notices that leave combined, one message per recipient: late steps caught up together, the
 * day's urging notices (催办单), the day's other urgent escalations.
 */
export type BundleKind = 'catch_up' | 'urging' | 'urgent';

/** What a bundle row stores: the notices it lists are the rows folded into it. */
export interface BundleHeading {
  readonly recipientName: string;
  readonly bundle: BundleKind;
}

export interface BundleData extends BundleHeading {
  /** The single notices it combines, oldest first, each with its words as queued. */
  readonly notices: readonly NoticeData[];
}

/** A message ready for any channel: e-mail uses subject, text and html; group chats markdown. */
export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly markdown: string;
}
