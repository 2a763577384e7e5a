import * as fs from 'node:fs';
import * as path from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { SupervisedChild } from './supervisor';

export interface SmtpSinkOptions {
  readonly port: number;
  readonly host?: string;
  /** Every message received is written here as an .eml file a person can open. */
  readonly mailDir: string;
  /** Where a failed connection is reported; it never stops the sink. */
  readonly log?: (line: string) => void;
}

export interface SmtpSink extends SupervisedChild {
  readonly port: number;
  /** Resolves once the sink no longer listens. */
  readonly exited: Promise<string>;
}

let sequence = 0;

function messageFileName(): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  sequence += 1;
  return `${stamp}-${process.pid}-${sequence}.eml`;
}

/**
 * A development mail server: accepts everything, delivers nowhere, keeps each message on disk.
 * The file is written to a temporary name and renamed, so a reader never sees half a message.
 */
export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  fs.mkdirSync(options.mailDir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'sink' }),
    onData: (stream, _session, callback) => {
      const file = path.join(options.mailDir, messageFileName());
      const partial = `${file}.part`;
      const out = fs.createWriteStream(partial);
      stream.pipe(out);
      out.on('error', (error) => callback(error));
      out.on('finish', () => {
        fs.rename(partial, file, (error) => callback(error ?? null));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  // Without a listener the first client that drops in the middle of a message (a worker killed
  // while sending) would throw from the server's 'error' event and end the whole process.
  server.on('error', (error: Error & { remoteAddress?: string }) =>
    options.log?.(
      `smtp sink: connection from ${error.remoteAddress ?? 'unknown'} failed: ${error.message}`,
    ),
  );
  const exited = new Promise<string>((resolve) => server.once('close', () => resolve('closed')));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    exited,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
