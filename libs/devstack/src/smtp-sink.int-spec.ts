import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

/**
 * A client that vanishes in the middle of a transaction, as a worker killed while sending does:
 * the sink's answer to its last command meets a reset connection.
 */
function vanishMidTransaction(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answers = '';
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      answers += chunk.toString();
      if (/^220 /.test(answers) && !answers.includes('\r\n250')) {
        // The sink refuses clients that talk before its greeting.
        socket.write(
          'EHLO worker\r\nMAIL FROM:<duban@localhost>\r\nRCPT TO:<ylfwk@example.org>\r\n',
        );
      } else if ((answers.match(/^250 Accepted/gm) ?? []).length === 2) {
        socket.write('NOOP\r\n');
        socket.resetAndDestroy();
        resolve();
      }
    });
  });
}

describe('SMTP sink', () => {
  const mailDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'duban-sink-')), 'mail');
  const logged: string[] = [];
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0, mailDir, log: (line) => logged.push(line) });
  });
  afterAll(async () => {
    await sink.stop();
    fs.rmSync(path.dirname(mailDir), { recursive: true, force: true });
  });

  it('keeps each message nodemailer sends as a readable .eml file', async () => {
    const transport = createTransport({
      url: `smtp://127.0.0.1:${sink.port}`,
    } as SMTPTransport.Options);
    await transport.sendMail({
      from: '督办系统 <duban@localhost>',
      to: '养老服务科 <ylfwk@example.org>',
      subject: '临近提醒：适老化改造',
      text: '请于年底前完成适老化改造500户。',
      messageId: '<reminder-1@duban>',
    });
    transport.close();
    const files = fs.readdirSync(mailDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const raw = fs.readFileSync(path.join(mailDir, files[0] ?? ''), 'utf8');
    expect(raw).toContain('Message-ID: <reminder-1@duban>');
    expect(raw).toContain('ylfwk@example.org');
  });

  it('keeps running, and says so, when clients vanish in the middle of a transaction', async () => {
    await vanishMidTransaction(sink.port);
    await vanishMidTransaction(sink.port);
    const transport = createTransport({
      url: `smtp://127.0.0.1:${sink.port}`,
    } as SMTPTransport.Options);
    await transport.sendMail({
      from: 'duban@localhost',
      to: 'ylfwk@example.org',
      subject: '送达',
      text: '之后的邮件照常收下。',
    });
    transport.close();
    expect(logged).toEqual(
      expect.arrayContaining([expect.stringMatching(/^smtp sink: connection from .* failed: /)]),
    );
  });
});
