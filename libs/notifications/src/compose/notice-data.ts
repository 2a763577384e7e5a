import type { NoticeData, NoticeEscalation, NoticeItem, NoticeKind } from '../message.types';

/** What an emitted notice says about itself (the workflow's request, as queued). */
export interface NoticeFacts {
  readonly kind: NoticeKind;
  readonly milestoneKey: string | null;
  /** Ladder step (`escalation1@v1`) or command with sequence (`returnMilestone7`). */
  readonly step: string;
  readonly urgingNotice: boolean;
  readonly at: string;
}

/** The item as the read model shows it when the notice is raised. */
export interface NoticeItemFacts {
  readonly itemNo: number;
  readonly title: string;
  readonly milestones: readonly { key: string; title: string; dueAt: string }[];
}

export interface NoticeContext {
  readonly item: NoticeItem;
  readonly facts: NoticeItemFacts;
  /** The command's recorded detail (comment, reason, new deadline), when the notice is one. */
  readonly detail: Readonly<Record<string, unknown>> | null;
}

const DAY_MS = 86_400_000;

/** `escalation2@v1` is the third rung of the ladder. */
function escalationOf(facts: NoticeFacts, dueAt: string | null): NoticeEscalation | null {
  const match = /^escalation(\d+)@/.exec(facts.step);
  if (facts.kind !== 'escalation' || !match || dueAt === null) return null;
  return {
    level: Number(match[1]) + 1,
    daysOverdue: Math.max(0, Math.floor((Date.parse(facts.at) - Date.parse(dueAt)) / DAY_MS)),
    urgingNotice: facts.urgingNotice,
  };
}

function textOf(detail: NoticeContext['detail'], field: string): string | null {
  const value = detail?.[field];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function extensionOf(kind: NoticeKind, detail: NoticeContext['detail']): NoticeData['extension'] {
  const dueAt = textOf(detail, 'dueAt');
  if (dueAt === null || (kind !== 'extension_request' && kind !== 'extension_decision')) {
    return null;
  }
  const approve = detail?.['approve'];
  return { dueAt, approved: typeof approve === 'boolean' ? approve : null };
}

/**
 * The words of one notice to one recipient, fixed when it is queued so that every delivery
 * attempt sends the same message.
 */
export function noticeData(
  facts: NoticeFacts,
  recipientName: string,
  alsoTold: readonly string[],
  context: NoticeContext,
): NoticeData {
  const milestone = context.facts.milestones.find((m) => m.key === facts.milestoneKey) ?? null;
  return {
    kind: facts.kind,
    recipientName,
    item: context.item,
    milestone: milestone && { title: milestone.title, dueAt: milestone.dueAt },
    escalation: escalationOf(facts, milestone?.dueAt ?? null),
    alsoTold,
    comment: textOf(context.detail, 'comment') ?? textOf(context.detail, 'reason'),
    extension: extensionOf(facts.kind, context.detail),
    at: facts.at,
  };
}

/** The sequence number a command notice's step carries (`approveMilestone12` → 12). */
export function commandSeq(step: string): number | null {
  const match = /^[a-zA-Z]+(\d+)$/.exec(step);
  return match ? Number(match[1]) : null;
}
