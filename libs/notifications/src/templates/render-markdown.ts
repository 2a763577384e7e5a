import { isWebLink, type Block, type MessageDocument } from './document';

/** Label and value: a full-width colon in Chinese, an ASCII one in English. */
const colon = (doc: MessageDocument) => (doc.lang === 'en' ? ': ' : '：');

/** Square brackets and parentheses in data would otherwise start a link. */
function plain(text: string): string {
  return text.replace(/([[\]()])/g, '\\$1');
}

function link(label: string, href: string | undefined): string {
  return href && isWebLink(href) ? `[${plain(label)}](${href})` : plain(label);
}

function block(b: Block, doc: MessageDocument): string {
  switch (b.type) {
    case 'paragraph':
      return b.strong ? `**${plain(b.text)}**` : plain(b.text);
    case 'fields':
      return b.rows
        .map(([label, value]) => `- ${plain(label)}${colon(doc)}${plain(value)}`)
        .join('\n');
    case 'list':
      return [
        `**${plain(b.title)}**`,
        ...b.items.map((item) => `- ${link(item.text, item.href)}`),
      ].join('\n');
    case 'link':
      return link(b.label, b.href);
  }
}

/** For group-chat robots (WeCom and DingTalk markdown): no greeting, the subject as heading. */
export function renderMarkdown(doc: MessageDocument): string {
  return [`### ${plain(doc.subject)}`, ...doc.blocks.map((b) => block(b, doc))].join('\n\n');
}
