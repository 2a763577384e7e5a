/** One line of a list: text, and where it leads if anywhere. */
export interface ListItem {
  readonly text: string;
  readonly href?: string;
}

/**
 * A message as a few kinds of block: each template is written once in these terms, and the
 * renderers turn it into plain text, HTML and chat markdown alike.
 */
export type Block =
  | { readonly type: 'paragraph'; readonly text: string; readonly strong?: boolean }
  | { readonly type: 'fields'; readonly rows: readonly (readonly [string, string])[] }
  | { readonly type: 'list'; readonly title: string; readonly items: readonly ListItem[] }
  | { readonly type: 'link'; readonly label: string; readonly href: string };

export interface MessageDocument {
  readonly lang: 'zh-CN' | 'en';
  readonly subject: string;
  readonly greeting: string;
  readonly blocks: readonly Block[];
  readonly footer: string;
}

/** Subjects are one line, whatever the data holds. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Only web addresses become links: anything else in data is shown, never followed. */
export function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
