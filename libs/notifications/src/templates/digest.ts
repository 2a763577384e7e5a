import type { DigestData, DigestEntry, Locale, RenderedMessage } from '../message.types';
import { chinaDueDate, formatDay } from './china-date';
import type { Block, ListEntry, MessageDocument } from './document';
import { phrases, type Phrases } from './phrases';
import { renderMessage } from './render-message';

function line(entry: DigestEntry, p: Phrases, locale: Locale): ListEntry {
  const { item, milestone } = entry;
  const details = [
    p.itemRef(item.itemNo, item.itemTitle),
    milestone.title,
    p.digest.dueDate(chinaDueDate(milestone.dueAt, locale)),
    item.unitName,
  ];
  return {
    lead: entry.state === 'overdue' ? p.overdueDays(entry.days) : p.dueInDays(entry.days),
    text: details.filter((d): d is string => d !== null).join(p.detailSeparator),
    link: { label: p.openItem, url: item.link },
  };
}

function section(heading: string, entries: readonly ListEntry[]): Block[] {
  return entries.length === 0
    ? []
    : [
        { type: 'heading', text: heading },
        { type: 'list', entries },
      ];
}

function digestDocument(data: DigestData, locale: Locale): MessageDocument {
  const p = phrases(locale);
  const date = formatDay(data.date, locale);
  // Overdue first whatever order the entries came in: the worst news leads.
  const overdue = data.entries.filter((e) => e.state === 'overdue').map((e) => line(e, p, locale));
  const due = data.entries.filter((e) => e.state === 'due').map((e) => line(e, p, locale));
  const notices = data.notices.map((subject) => ({ lead: null, text: subject, link: null }));
  return {
    locale,
    subject: p.subject('digest', [date, p.digest.subjectCounts(due.length, overdue.length)]),
    blocks: [
      { type: 'paragraph', text: p.greeting(data.recipientName) },
      {
        type: 'paragraph',
        text:
          data.entries.length === 0
            ? p.digest.empty
            : p.digest.intro(date, overdue.length, due.length),
      },
      ...section(p.digest.overdueHeading(overdue.length), overdue),
      ...section(p.digest.dueHeading(due.length), due),
      ...section(p.digest.noticesHeading(notices.length), notices),
    ],
    footer: p.footer,
    colon: p.colon,
  };
}

/** One person's morning digest: what is overdue, what is coming due, and the notices held for it. */
export function renderDigest(data: DigestData, locale: Locale): RenderedMessage {
  return renderMessage(digestDocument(data, locale));
}
