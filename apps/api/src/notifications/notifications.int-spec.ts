import { createTransport } from 'nodemailer';
import { AuditRepository, NotificationRepository, type OutboxRow } from '@duban/persistence';
import { startTestApi, type TestApi } from '../testing/test-api';

describe('notifications over HTTP (MariaDB, SMTP sink on loopback)', () => {
  let api: TestApi;
  let outbox: NotificationRepository;
  let supervisor: string;

  beforeAll(async () => {
    api = await startTestApi('duban_test_notifications');
    outbox = new NotificationRepository(api.dataSource, new AuditRepository(api.dataSource));
    supervisor = await api.tokenOf(api.person('supervisor').username);
  });

  afterAll(async () => {
    await api?.close();
  });

  async function rowIn(status: 'failed' | 'unknown' | 'sent'): Promise<OutboxRow> {
    const staff = api.person('staff', '养老服务科');
    const key = `api-test/${status}/${Math.random()}`;
    await outbox.enqueue(
      [
        {
          key,
          kind: 'reminder',
          channel: 'email',
          recipientId: staff.id,
          recipientRole: 'responsible',
          workflowId: 'item/api-test/1',
          planId: 'api-test',
          itemId: 'api-test',
          milestoneKey: 'q1',
          step: 'reminder0@v1',
          urgingNotice: false,
          payload: {},
          held: false,
          dueAt: new Date().toISOString(),
        },
      ],
      new Date(),
    );
    const { token, rows } = await outbox.claimDue(100, new Date());
    const row = rows.find((r) => r.idempotencyKey === key) as OutboxRow;
    const result =
      status === 'sent'
        ? { status, result: '250 ok', messageId: '<x@y>' }
        : { status, result: '550 5.1.1 user unknown' };
    await outbox.recordAll(token, [{ id: row.id, attempt: result }], new Date());
    return (await outbox.find(row.id)) as OutboxRow;
  }

  it('reports pending, failed and unknown counts in the health details', async () => {
    await rowIn('failed');
    await rowIn('unknown');
    const health = await api.call<{ details: { notifications: Record<string, unknown> } }>(
      'GET',
      '/health',
    );
    expect(health.body.details.notifications).toMatchObject({
      status: 'up',
      failed: expect.any(Number),
      unknown: expect.any(Number),
      pending: expect.any(Number),
    });
    expect(Number(health.body.details.notifications['failed'])).toBeGreaterThanOrEqual(1);
  });

  it('lists the outbox by status with the server reply, for supervisors only', async () => {
    const failed = await rowIn('failed');
    const list = await api.call<OutboxRow[]>('GET', '/notifications?status=failed', {
      token: supervisor,
    });
    expect(list.status).toBe(200);
    expect(list.body.every((r) => r.status === 'failed')).toBe(true);
    expect(list.body.find((r) => r.id === failed.id)?.lastResult).toContain('550 5.1.1');

    const bad = await api.call<{ message: string[] }>('GET', '/notifications?status=lost', {
      token: supervisor,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('status');

    const staff = await api.tokenOf(api.person('staff', '养老服务科').username);
    expect((await api.call('GET', '/notifications', { token: staff })).status).toBe(403);
  });

  it('sends a failed notice again only when a supervisor says so, and records who did', async () => {
    const failed = await rowIn('failed');
    const resent = await api.call<OutboxRow>('POST', `/notifications/${failed.id}/resend`, {
      token: supervisor,
    });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: failed.id, status: 'pending' });
    const [audit] = await new AuditRepository(api.dataSource).list({
      action: 'notification.resend',
      targetId: failed.id,
      limit: 5,
    });
    expect(audit?.actorId).toBe(api.person('supervisor').id);

    const sent = await rowIn('sent');
    const again = await api.call<{ message: string }>('POST', `/notifications/${sent.id}/resend`, {
      token: supervisor,
    });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('sent');
    const missing = await api.call('POST', `/notifications/${crypto.randomUUID()}/resend`, {
      token: supervisor,
    });
    expect(missing.status).toBe(404);
  });

  it('lets each person choose immediate, digest or both for themselves', async () => {
    const staff = api.person('staff', '养老服务科');
    const token = await api.tokenOf(staff.username);
    const set = await api.call<{ delivery: string }>('PUT', '/auth/me/delivery', {
      token,
      body: { delivery: 'digest' },
    });
    expect(set.status).toBe(200);
    expect((await api.call<{ delivery: string }>('GET', '/auth/me', { token })).body.delivery).toBe(
      'digest',
    );
    const bad = await api.call('PUT', '/auth/me/delivery', { token, body: { delivery: 'never' } });
    expect(bad.status).toBe(400);
  });

  it('shows what the development SMTP sink received', async () => {
    const transport = createTransport({ host: '127.0.0.1', port: api.smtpPort, secure: false });
    await transport.sendMail({
      from: 'duban@localhost',
      to: 'zhangwei@mz.example.gov.cn',
      subject: '【临近提醒】测试邮件',
      text: '正文',
      messageId: '<sink-test@duban.local>',
    });
    transport.close();
    const answer = await api.call<{ subject: string; messageId: string }[]>('GET', '/dev/mail', {
      token: supervisor,
    });
    expect(answer.status).toBe(200);
    expect(answer.body[0]).toMatchObject({
      subject: '【临近提醒】测试邮件',
      messageId: '<sink-test@duban.local>',
    });
  });
});
