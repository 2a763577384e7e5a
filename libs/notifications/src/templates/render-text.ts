import type { Block, MessageDocument } from './document';

/** Label and value: a full-width colon in Chinese, an ASCII one in English. */
const colon = (doc: MessageDocument) => (doc.lang === 'en' ? ': ' : '：');

function block(b: Block, doc: MessageDocument): string {
  switch (b.type) {
    case 'paragraph':
      return b.text;
    case 'fields':
      return b.rows.map(([label, value]) => `${label}${colon(doc)}${value}`).join('\n');
    case 'list':
      return [
        `${b.title}`,
        ...b.items.map((item) => `  - ${item.text}${item.href ? `\n    ${item.href}` : ''}`),
      ].join('\n');
    case 'link':
      return `${b.label}${colon(doc)}${b.href}`;
  }
}

/** The plain-text part: what a mail client without HTML, or a screen reader, shows. */
export function renderText(doc: MessageDocument): string {
  return `${[doc.greeting, ...doc.blocks.map((b) => block(b, doc)), `—— ${doc.footer}`].join('\n\n')}\n`;
}
