import type { RenderedMessage } from '../message.types';
import { oneLine, type MessageDocument } from './document';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { renderText } from './render-text';

export function renderMessage(doc: MessageDocument): RenderedMessage {
  return {
    subject: oneLine(doc.subject),
    text: renderText(doc),
    html: renderHtml(doc),
    markdown: renderMarkdown(doc),
  };
}
