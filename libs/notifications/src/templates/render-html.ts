import { assertUnreachable } from '@duban/domain';
import {
  isWebUrl,
  linesOf,
  oneLine,
  type Block,
  type Link,
  type MessageDocument,
} from './document';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Every interpolated value, attribute or text: item titles and comments are typed by people. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

// Inline styles only: mail clients drop <style> blocks and never load external sheets.
const FONT = 'font-family:-apple-system,PingFang SC,Microsoft YaHei,Helvetica,Arial,sans-serif';
const STYLE = {
  body: 'margin:0;padding:24px 12px;background:#f4f5f7',
  card: `max-width:640px;margin:0 auto;padding:24px;background:#ffffff;border:1px solid #e3e5e8;border-radius:6px;${FONT};font-size:15px;line-height:1.7;color:#1f2329`,
  title: 'margin:0 0 16px;font-size:18px;line-height:1.4',
  heading: 'margin:20px 0 8px;font-size:16px',
  paragraph: 'margin:0 0 12px',
  strong: 'margin:0 0 12px;font-weight:bold;color:#b42318',
  table: 'border-collapse:collapse;width:100%;margin:4px 0 16px',
  label:
    'padding:6px 16px 6px 0;border-bottom:1px solid #eef0f2;text-align:left;vertical-align:top;white-space:nowrap;font-weight:normal;color:#646a73',
  value: 'padding:6px 0;border-bottom:1px solid #eef0f2;vertical-align:top',
  list: 'margin:0 0 12px;padding-left:20px',
  item: 'margin:0 0 6px',
  button:
    'display:inline-block;padding:8px 20px;background:#1f5fbf;color:#ffffff;text-decoration:none;border-radius:4px',
  inlineLink: 'color:#1f5fbf',
  footer:
    'margin:24px 0 0;padding-top:12px;border-top:1px solid #eef0f2;font-size:12px;color:#8f959e',
};

const text = (value: string) => escapeHtml(oneLine(value));

function anchor(doc: MessageDocument, link: Link, style: string): string {
  if (!isWebUrl(link.url)) return `${text(link.label)}${text(doc.colon)}${escapeHtml(link.url)}`;
  return `<a href="${escapeHtml(link.url)}" style="${style}">${text(link.label)}</a>`;
}

function block(doc: MessageDocument, b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p style="${b.strong ? STYLE.strong : STYLE.paragraph}">${text(b.text)}</p>`;
    case 'heading':
      return `<h2 style="${STYLE.heading}">${text(b.text)}</h2>`;
    case 'fields':
      return [
        `<table role="presentation" cellpadding="0" cellspacing="0" style="${STYLE.table}">`,
        ...b.fields.map(
          (f) =>
            `<tr><th scope="row" style="${STYLE.label}">${text(f.label)}</th>` +
            `<td style="${STYLE.value}">${linesOf(f.value).map(escapeHtml).join('<br>')}</td></tr>`,
        ),
        '</table>',
      ].join('\n');
    case 'list':
      return [
        `<ul style="${STYLE.list}">`,
        ...b.entries.map((e) => {
          const lead = e.lead === null ? '' : `<strong>${text(e.lead)}</strong>${text(doc.colon)}`;
          const link = e.link === null ? '' : ` ${anchor(doc, e.link, STYLE.inlineLink)}`;
          return `<li style="${STYLE.item}">${lead}${text(e.text)}${link}</li>`;
        }),
        '</ul>',
      ].join('\n');
    case 'link':
      return `<p style="margin:20px 0">${anchor(doc, b.link, STYLE.button)}</p>`;
    default:
      return assertUnreachable(b);
  }
}

/** The text/html part: a complete document with no scripts and nothing fetched from outside. */
export function renderHtml(doc: MessageDocument): string {
  return [
    '<!doctype html>',
    `<html lang="${doc.locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${text(doc.subject)}</title>`,
    '</head>',
    `<body style="${STYLE.body}">`,
    `<div style="${STYLE.card}">`,
    `<h1 style="${STYLE.title}">${text(doc.subject)}</h1>`,
    ...doc.blocks.map((b) => block(doc, b)),
    `<p style="${STYLE.footer}">${text(doc.footer)}</p>`,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
