import type { Locale, NoticeData, NoticeKind, RenderedMessage } from '../message.types';
import { chinaDaysLeft, chinaDueDate } from './china-date';
import type { Block, MessageDocument } from './document';
import { phrases, type Intro, type Label, type Phrases, type Tag } from './phrases';
import { renderMessage } from './render-message';

/** A fact of one kind of notice; null leaves it out (no comment given, no decision yet). */
type Fact = readonly [Label, string] | null;

/** What sets one kind apart; the greeting, the item's facts and the link are common to all. */
interface NoticeParts {
  readonly tag: Tag;
  readonly intro: Intro;
  /** Said in the subject after the item and milestone (`将于2024年6月30日到期`). */
  readonly subjectTail?: string | null;
  readonly facts?: readonly Fact[];
  /** Set apart after the facts, in bold: what the recipient must now do. */
  readonly request?: string | null;
}

interface Words {
  readonly p: Phrases;
  /** A deadline's date in the recipient's language. */
  due(iso: string): string;
}

type Template = (data: NoticeData, words: Words) => NoticeParts;

const daysLeft = chinaDaysLeft;

const comment = (label: Label, text: string | null): Fact => (text === null ? null : [label, text]);

/** One template per kind, in no language: the words come from the phrase tables. */
const TEMPLATES: { readonly [K in NoticeKind]: Template } = {
  assignment: () => ({ tag: 'assignment', intro: 'assignment' }),

  // The time left in the subject: the 7-day and the 1-day reminder must not read alike.
  reminder: ({ milestone, at }, { p, due }) => ({
    tag: 'reminder',
    intro: 'reminder',
    subjectTail: milestone && p.dueIn(daysLeft(at, milestone.dueAt), due(milestone.dueAt)),
  }),

  escalation: ({ escalation }, { p }) => {
    const urging = escalation?.urgingNotice === true;
    return {
      tag: urging ? 'urging' : 'overdue',
      intro: urging ? 'urging' : 'overdue',
      subjectTail: escalation && p.overdueDays(escalation.daysOverdue),
      facts: escalation
        ? [
            ['overdue', p.overdueDays(escalation.daysOverdue)],
            ['level', p.level(escalation.level)],
          ]
        : [],
      request: urging ? p.urgingRequest : null,
    };
  },

  approval_request: () => ({ tag: 'approval_request', intro: 'approval_request' }),

  returned: (data) => ({
    tag: 'returned',
    intro: 'returned',
    facts: [comment('reviewComment', data.comment)],
  }),

  approved: (data) => ({
    tag: 'approved',
    intro: 'approved',
    facts: [comment('reviewComment', data.comment)],
  }),

  extension_request: ({ extension, comment: reason }, { p, due }) => ({
    tag: 'extension_request',
    intro: 'extension_request',
    subjectTail: extension && p.extensionRequested(due(extension.dueAt)),
    facts: [extension && ['requestedDueAt', due(extension.dueAt)], comment('reason', reason)],
  }),

  extension_decision: ({ extension, comment: text }, { p, due }) => {
    const approved = extension?.approved ?? null;
    if (extension === null || approved === null) {
      return {
        tag: 'extension_decision',
        intro: 'extension_decided',
        facts: [comment('decisionComment', text)],
      };
    }
    const date = due(extension.dueAt);
    return {
      tag: 'extension_decision',
      intro: approved ? 'extension_approved' : 'extension_refused',
      subjectTail: p.extensionDecided(approved, date),
      facts: [
        ['decision', p.decision(approved)],
        [approved ? 'newDueAt' : 'requestedDueAt', date],
        comment('decisionComment', text),
      ],
    };
  },

  completed: () => ({ tag: 'completed', intro: 'completed' }),

  year_end: () => ({ tag: 'year_end', intro: 'year_end' }),
};

function noticeDocument(data: NoticeData, locale: Locale): MessageDocument {
  const p = phrases(locale);
  const due = (iso: string) => chinaDueDate(iso, locale);
  const parts = TEMPLATES[data.kind](data, { p, due });
  const { item, milestone } = data;
  const itemRef = p.itemRef(item.itemNo, item.itemTitle);
  const facts: Fact[] = [
    ['plan', item.planTitle],
    ['item', p.itemField(item.itemNo, item.itemTitle)],
    item.unitName === null ? null : ['unit', item.unitName],
    milestone && ['milestone', milestone.title],
    milestone && ['dueAt', due(milestone.dueAt)],
    ...(parts.facts ?? []),
    data.alsoTold.length === 0 ? null : ['alsoTold', data.alsoTold.join(p.nameSeparator)],
  ];
  const blocks: (Block | null)[] = [
    { type: 'paragraph', text: p.greeting(data.recipientName) },
    { type: 'paragraph', text: p.intro[parts.intro] },
    {
      type: 'fields',
      fields: facts
        .filter((f): f is readonly [Label, string] => f !== null)
        .map(([label, value]) => ({ label: p.labels[label], value })),
    },
    parts.request ? { type: 'paragraph', text: parts.request, strong: true } : null,
    { type: 'link', link: { label: p.openItem, url: item.link } },
  ];
  const subjectParts = [itemRef, milestone?.title ?? null, parts.subjectTail ?? null];
  return {
    locale,
    subject: p.subject(
      parts.tag,
      subjectParts.filter((s): s is string => s !== null),
    ),
    blocks: blocks.filter((b): b is Block => b !== null),
    footer: p.footer,
    colon: p.colon,
  };
}

/** One notice to one person, in their language, as mail (subject, text, HTML) and chat markdown. */
export function renderNotice(data: NoticeData, locale: Locale): RenderedMessage {
  return renderMessage(noticeDocument(data, locale));
}
