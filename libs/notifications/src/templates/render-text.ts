import { assertUnreachable } from '@duban/domain';
import { linesOf, oneLine, type Block, type ListEntry, type MessageDocument } from './document';

/** Continuation lines of a multi-line value sit under the value, not under the label. */
const INDENT = '  ';

function entry(doc: MessageDocument, e: ListEntry): string {
  const head = `- ${e.lead === null ? '' : `${oneLine(e.lead)}${doc.colon}`}${oneLine(e.text)}`;
  return e.link === null ? head : `${head}\n${INDENT}${e.link.label}${doc.colon}${e.link.url}`;
}

function block(doc: MessageDocument, b: Block): string {
  switch (b.type) {
    case 'paragraph':
    case 'heading':
      return oneLine(b.text);
    case 'fields':
      return b.fields
        .map(({ label, value }) => `${label}${doc.colon}${linesOf(value).join(`\n${INDENT}`)}`)
        .join('\n');
    case 'list':
      return b.entries.map((e) => entry(doc, e)).join('\n');
    case 'link':
      return `${b.link.label}${doc.colon}${b.link.url}`;
    default:
      return assertUnreachable(b);
  }
}

/** The text/plain part: what a mail client without HTML, or a screen reader, gets. */
export function renderText(doc: MessageDocument): string {
  return [...doc.blocks.map((b) => block(doc, b)), doc.footer].join('\n\n') + '\n';
}
