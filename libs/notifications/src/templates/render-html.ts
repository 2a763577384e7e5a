import { isWebLink, type Block, type MessageDocument } from './document';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function anchor(label: string, url: string): string {
  return isWebLink(url)
    ? `<a href="${escapeHtml(url)}" style="color:#1a5fb4">${escapeHtml(label)}</a>`
    : escapeHtml(label);
}

const P = 'margin:0 0 12px 0;line-height:1.6';
const CELL = 'padding:4px 12px 4px 0;vertical-align:top';

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph': {
      const text = escapeHtml(b.text);
      return `<p style="${P}">${b.strong ? `<strong>${text}</strong>` : text}</p>`;
    }
    case 'fields':
      return `<table style="border-collapse:collapse;margin:0 0 12px 0">${b.rows
        .map(
          ([label, value]) =>
            `<tr><th style="${CELL};text-align:left;color:#555;font-weight:normal;white-space:nowrap">${escapeHtml(label)}</th><td style="${CELL}">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'list':
      return `<p style="${P};font-weight:bold">${escapeHtml(b.title)}</p><ul style="margin:0 0 12px 0;padding-left:20px">${b.items
        .map(
          (item) =>
            `<li style="line-height:1.6">${item.href ? anchor(item.text, item.href) : escapeHtml(item.text)}</li>`,
        )
        .join('')}</ul>`;
    case 'link':
      return `<p style="${P}">${anchor(b.label, b.href)}</p>`;
  }
}

/** The HTML part: a small self-contained document, inline styles only, nothing loaded from outside. */
export function renderHtml(doc: MessageDocument): string {
  return [
    '<!doctype html>',
    `<html lang="${doc.lang}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(doc.subject)}</title></head>`,
    "<body style=\"font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;color:#222\">",
    `<p style="${P}">${escapeHtml(doc.greeting)}</p>`,
    ...doc.blocks.map(block),
    `<p style="${P};color:#888;font-size:12px">${escapeHtml(doc.footer)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
