import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

describe('SMTP sink', () => {
  const mailDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'duban-sink-')), 'mail');
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0, mailDir });
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
});
