import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTransport } from 'nodemailer';
import { startSmtpSink } from '@duban/devstack';

const root = path.resolve(__dirname, '../../../..');

function duban(args: string[], dataDir: string) {
  return spawnSync(process.execPath, [path.join(root, 'apps/cli/bin/duban.js'), ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, MAIL_SINK_DIR: '' },
    encoding: 'utf8',
  });
}

describe('npx duban mail list (the development SMTP sink)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-cli-mail-'));

  beforeAll(async () => {
    const sink = await startSmtpSink({ port: 0, mailDir: path.join(dataDir, 'mail') });
    const transport = createTransport({ host: '127.0.0.1', port: sink.port, secure: false });
    for (const [i, subject] of [
      '【交办通知】第3项 推进养老服务体系建设',
      '【催办单】第12项 完成适老化改造500户',
    ].entries()) {
      await transport.sendMail({
        from: '督办系统 <duban@mz.example.gov.cn>',
        to: '张伟 <zhangwei@mz.example.gov.cn>',
        subject,
        text: '正文',
        messageId: `<cli-${i}@mz.example.gov.cn>`,
      });
      // Distinct modification times: the list is newest first.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    transport.close();
    await sink.stop();
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('lists the received messages newest first with recipient, subject and Message-ID', () => {
    const result = duban(['mail', 'list'], dataDir);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/收到时间\s+收件人\s+主题\s+Message-ID/);
    expect(lines[2]).toContain('【催办单】第12项 完成适老化改造500户');
    expect(lines[2]).toContain('<cli-1@mz.example.gov.cn>');
    expect(lines[3]).toContain('【交办通知】第3项');
    expect(lines[3]).toContain('zhangwei@mz.example.gov.cn');
  });

  it('answers JSON with the bodies and honours --limit', () => {
    const result = duban(['mail', 'list', '--json', '--limit', '1'], dataDir);
    const messages = JSON.parse(result.stdout) as { subject: string; text: string }[];
    expect(messages).toEqual([
      expect.objectContaining({ subject: '【催办单】第12项 完成适老化改造500户', text: '正文' }),
    ]);
  });

  it('rejects a bad --limit with one line on stderr and exit code 1', () => {
    const result = duban(['mail', 'list', '--limit', 'many'], dataDir);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('duban: --limit 必须是正整数（收到 “many”）');
  });
});
