import type { BundleData, Locale, NoticeData, RenderedMessage } from '../message.types';
import type { MessageDocument } from './document';
import { renderNotice } from './notice';
import { phrases } from './phrases';
import { renderMessage } from './render-message';

/** Item by item, each item's milestones in the order they fall due: how a reader looks them up. */
function byItem(notices: readonly NoticeData[]): NoticeData[] {
  const due = (n: NoticeData) => n.milestone?.dueAt ?? '';
  return [...notices].sort((a, b) => a.item.itemNo - b.item.itemNo || due(a).localeCompare(due(b)));
}

/** One message standing for several notices: each listed by its own subject, with its link. */
function bundleDocument(data: BundleData, locale: Locale): MessageDocument {
  const p = phrases(locale);
  const count = data.notices.length;
  return {
    locale,
    subject: p.bundle.subject(data.bundle, count),
    blocks: [
      { type: 'paragraph', text: p.greeting(data.recipientName) },
      { type: 'paragraph', text: p.bundle.intro(data.bundle, count) },
      {
        type: 'list',
        entries: byItem(data.notices).map((notice) => ({
          lead: null,
          text: renderNotice(notice, locale).subject,
          link: { label: p.openItem, url: notice.item.link },
        })),
      },
    ],
    footer: p.footer,
    colon: p.colon,
  };
}

export function renderBundle(data: BundleData, locale: Locale): RenderedMessage {
  return renderMessage(bundleDocument(data, locale));
}
