import * as net from 'node:net';

/** What the server does once a message's data has arrived in full. */
export type AfterData = 'accept' | 'drop' | 'hold' | { readonly reply: string };

export interface ScriptedSmtpOptions {
  /** Answer to MAIL FROM (default 250), or `drop` the connection; asked anew for each message. */
  readonly mailReply?: () => string;
  /** Answer to RCPT TO (default 250). */
  readonly rcptReply?: string;
  readonly afterData?: (message: string) => AfterData;
}

export interface ScriptedSmtpServer {
  readonly port: number;
  /** Every message whose data arrived in full, whatever the server answered. */
  readonly received: string[];
  close(): Promise<void>;
}

/**
 * A minimal SMTP server whose failures a test scripts: refuse the sender or close on it, refuse a
 * recipient, or take the whole message and then drop the connection or never answer — the cases
 * a real server cannot be made to show on demand.
 */
export async function startScriptedSmtpServer(
  options: ScriptedSmtpOptions = {},
  port = 0,
): Promise<ScriptedSmtpServer> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 scripted ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(message);
          const next = options.afterData?.(message) ?? 'accept';
          if (next === 'drop') return void socket.destroy();
          if (next === 'hold') return;
          reply(next === 'accept' ? '250 2.0.0 queued' : next.reply);
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250 scripted');
        else if (verb === 'MAIL') {
          const answer = options.mailReply?.() ?? '250 2.1.0 ok';
          if (answer === 'drop') return void socket.destroy();
          reply(answer);
          // A 421 announces that the server is closing the channel (RFC 5321 3.8), as one going
          // down for maintenance does; the client sees the close, not only the reply.
          if (answer.startsWith('421')) return void socket.end();
        } else if (verb === 'RCPT') reply(options.rcptReply ?? '250 2.1.5 ok');
        else if (verb === 'DATA') {
          inData = true;
          reply('354 go ahead');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('250 ok');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
