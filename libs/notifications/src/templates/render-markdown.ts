import { assertUnreachable } from '@duban/domain';
import { isWebUrl, oneLine, type Block, type Link, type MessageDocument } from './document';

/**
 * Only what could forge emphasis or a link: an item titled `[点此](http://…)` must not become a
 * clickable link in a unit's group chat, so `](` is broken; a lone bracket (`[Approved]`) is
 * left alone. Everything else stays as typed, so Chinese text reads the same in WeCom and
 * DingTalk, whose markdown subsets differ. One line each, so a comment line starting with `#`
 * or `-` cannot turn into a heading or a list.
 */
function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[\\*_`]/g, (c) => `\\${c}`)
    .replace(/\]\(/g, ']\\(');
}

/** A space or parenthesis would end the link target early. */
function target(url: string): string {
  return url.replace(
    /[\s()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function link(doc: MessageDocument, l: Link): string {
  if (!isWebUrl(l.url)) return `${escapeMarkdown(l.label)}${doc.colon}${escapeMarkdown(l.url)}`;
  return `[${escapeMarkdown(l.label)}](${target(l.url)})`;
}

function block(doc: MessageDocument, b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return b.strong ? `**${escapeMarkdown(b.text)}**` : escapeMarkdown(b.text);
    case 'heading':
      return `### ${escapeMarkdown(b.text)}`;
    case 'fields':
      // A list, so each fact keeps its own line in a robot that joins consecutive lines.
      return b.fields
        .map((f) => `- **${escapeMarkdown(f.label)}**${doc.colon}${escapeMarkdown(f.value)}`)
        .join('\n');
    case 'list':
      return b.entries
        .map((e) => {
          const lead = e.lead === null ? '' : `**${escapeMarkdown(e.lead)}**${doc.colon}`;
          const to = e.link === null ? '' : ` ${link(doc, e.link)}`;
          return `- ${lead}${escapeMarkdown(e.text)}${to}`;
        })
        .join('\n');
    case 'link':
      return link(doc, b.link);
    default:
      return assertUnreachable(b);
  }
}

/** The group-chat robot's message: it has no subject line, so the subject leads as a heading. */
export function renderMarkdown(doc: MessageDocument): string {
  return [`## ${escapeMarkdown(doc.subject)}`, ...doc.blocks.map((b) => block(doc, b))].join(
    '\n\n',
  );
}
