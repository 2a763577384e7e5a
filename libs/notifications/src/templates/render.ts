import type { DigestData, Locale, NoticeData, RenderedMessage } from '../message.types';
import type { MessageDocument } from './document';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { renderText } from './render-text';
import { digestDocument, noticeDocument } from './templates';

function render(doc: MessageDocument): RenderedMessage {
  return {
    subject: doc.subject,
    text: renderText(doc),
    html: renderHtml(doc),
    markdown: renderMarkdown(doc),
  };
}

/** One notice to one person, in their language, for every channel. */
export function renderNotice(data: NoticeData, locale: Locale): RenderedMessage {
  return render(noticeDocument(data, locale));
}

export function renderDigest(data: DigestData, locale: Locale): RenderedMessage {
  return render(digestDocument(data, locale));
}
