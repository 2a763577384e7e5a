import * as fs from 'node:fs';
import * as path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';

/** A message the development SMTP sink received, as `duban mail list` shows it. */
export interface SinkMessage {
  readonly file: string;
  readonly receivedAt: string;
  readonly messageId: string | null;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.map((a) => a.text).join(', ');
}

/** The newest `limit` messages in the sink's folder, newest first. */
export async function readSinkMessages(mailDir: string, limit: number): Promise<SinkMessage[]> {
  if (!fs.existsSync(mailDir)) return [];
  const files = fs
    .readdirSync(mailDir)
    .filter((name) => name.endsWith('.eml'))
    .map((name) => ({ name, mtime: fs.statSync(path.join(mailDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name))
    .slice(0, limit);
  return Promise.all(
    files.map(async ({ name, mtime }) => {
      const parsed = await simpleParser(fs.readFileSync(path.join(mailDir, name)));
      return {
        file: name,
        receivedAt: new Date(mtime).toISOString(),
        messageId: parsed.messageId ?? null,
        from: addresses(parsed.from),
        to: addresses(parsed.to),
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
      };
    }),
  );
}
