import type { DigestData, DigestEntry, Locale, NoticeData } from '../message.types';
import { chinaDay, deadlineDate } from './china-date';
import { oneLine, type Block, type ListItem, type MessageDocument } from './document';
import { PHRASES, type Phrases } from './phrases';

function subjectOf(data: NoticeData, p: Phrases, due: string): string {
  const base = `${p.tag(data.kind, data.escalation?.urgingNotice ?? false)}${p.itemRef(data.item.itemNo, data.item.itemTitle)}`;
  const milestone = data.milestone?.title;
  if (milestone === undefined) return base;
  if (data.kind === 'reminder') return `${base}${p.sep}${p.dueSoon(milestone, due)}`;
  if (data.kind === 'escalation' && data.escalation) {
    return `${base}${p.sep}${p.overdueBy(milestone, data.escalation.daysOverdue)}`;
  }
  return `${base}${p.sep}${milestone}`;
}

function fieldsOf(data: NoticeData, p: Phrases, locale: Locale, due: string): Block {
  const rows: [string, string][] = [
    [p.labels.plan, data.item.planTitle],
    [p.labels.item, p.itemRef(data.item.itemNo, data.item.itemTitle)],
  ];
  if (data.item.unitName) rows.push([p.labels.unit, data.item.unitName]);
  if (data.milestone) rows.push([p.labels.milestone, data.milestone.title], [p.labels.due, due]);
  if (data.escalation) {
    rows.push(
      [p.labels.overdue, p.days(data.escalation.daysOverdue)],
      [p.labels.level, p.levelOf(data.escalation.level)],
    );
  }
  if (data.alsoTold.length > 0) rows.push([p.labels.alsoTold, data.alsoTold.join(p.and)]);
  if (data.extension) rows.push([p.labels.newDue, deadlineDate(data.extension.dueAt, locale)]);
  if (data.comment) rows.push([p.labels.comment(data.kind), data.comment]);
  return { type: 'fields', rows };
}

/** A single notice: what happened, the facts as a table, and the way to the item. */
export function noticeDocument(data: NoticeData, locale: Locale): MessageDocument {
  const p = PHRASES[locale];
  const due = data.milestone ? deadlineDate(data.milestone.dueAt, locale) : '';
  const intro = p.intro(data.kind, {
    item: data.item.itemTitle,
    milestone: data.milestone?.title ?? '',
    due,
    unit: data.item.unitName ?? p.yourUnit,
    daysOverdue: data.escalation?.daysOverdue ?? 0,
    level: data.escalation?.level ?? 0,
    newDue: data.extension ? deadlineDate(data.extension.dueAt, locale) : '',
    approved: data.extension?.approved ?? null,
    urging: data.escalation?.urgingNotice ?? false,
  });
  return {
    lang: locale,
    subject: oneLine(subjectOf(data, p, due)),
    greeting: p.greeting(data.recipientName),
    blocks: [
      { type: 'paragraph', text: intro, strong: data.escalation?.urgingNotice ?? false },
      fieldsOf(data, p, locale, due),
      { type: 'link', label: p.labels.open, href: data.item.link },
    ],
    footer: p.footer,
  };
}

function entryLine(entry: DigestEntry, p: Phrases, locale: Locale): ListItem {
  const when =
    entry.state === 'overdue' ? p.digest.overdueLine(entry.days) : p.digest.dueLine(entry.days);
  const parts = [
    p.itemRef(entry.item.itemNo, entry.item.itemTitle),
    entry.milestone.title,
    `${p.labels.due} ${deadlineDate(entry.milestone.dueAt, locale)}`,
    when,
    ...(entry.item.unitName ? [entry.item.unitName] : []),
  ];
  return { text: oneLine(parts.join(' | ')), href: entry.item.link };
}

/** The morning digest: overdue first, then coming due, then the notices it folds in. */
export function digestDocument(data: DigestData, locale: Locale): MessageDocument {
  const p = PHRASES[locale];
  const overdue = data.entries.filter((e) => e.state === 'overdue');
  const due = data.entries.filter((e) => e.state === 'due');
  const lists: Block[] = [
    {
      type: 'list',
      title: p.digest.overdueTitle,
      items: overdue.map((e) => entryLine(e, p, locale)),
    },
    { type: 'list', title: p.digest.dueTitle, items: due.map((e) => entryLine(e, p, locale)) },
    { type: 'list', title: p.digest.noticesTitle, items: data.notices.map((text) => ({ text })) },
  ];
  return {
    lang: locale,
    subject: oneLine(p.digest.subject(chinaDay(data.date, locale), due.length, overdue.length)),
    greeting: p.greeting(data.recipientName),
    blocks: [
      { type: 'paragraph', text: p.digest.intro },
      ...lists.filter((b) => b.type === 'list' && b.items.length > 0),
    ],
    footer: p.footer,
  };
}
