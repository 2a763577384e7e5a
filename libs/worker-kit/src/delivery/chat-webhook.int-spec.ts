import { createHmac } from 'node:crypto';
import {
  chatWebhookRequest,
  postChatMessage,
  type ChatMessage,
  type ChatWebhook,
} from './chat-webhook';
import {
  closedPort,
  replyJson,
  startChatRobotServer,
  startDeafServer,
  type ChatRobotServer,
  type RobotBehaviour,
} from './testing/chat-robot-server';

const OK = { errcode: 0, errmsg: 'ok' };
const message: ChatMessage = {
  title: '督办提醒',
  markdown: '### 逾期事项\n- 民政局：**养老服务补贴发放** 已逾期 3 个工作日',
};
const SECRET = 'SECduban-test-secret';

function sign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** Checks 加签 the way DingTalk does: recomputes the HMAC from the timestamp it was given. */
function dingTalkRobot(secret: string): RobotBehaviour {
  return (request, response) => {
    const params = new URL(request.url, 'http://robot').searchParams;
    const timestamp = params.get('timestamp') ?? '';
    const fresh = Math.abs(Date.now() - Number(timestamp)) < 60 * 60 * 1000;
    const valid = fresh && params.get('sign') === sign(timestamp, secret);
    replyJson(response, 200, valid ? OK : { errcode: 310000, errmsg: 'sign not match' });
  };
}

function parsedBody(server: ChatRobotServer): unknown {
  expect(server.requests).toHaveLength(1);
  return JSON.parse(server.requests[0].body.toString('utf8'));
}

describe('chatWebhookRequest', () => {
  const now = new Date('2024-05-01T08:00:00Z');
  const dingTalk: ChatWebhook = {
    kind: 'dingtalk',
    url: 'https://oapi.dingtalk.com/robot/send?access_token=TOKEN',
    secret: SECRET,
  };

  it('signs a DingTalk URL with the timestamp and the URL-encoded HMAC of timestamp and secret', () => {
    const expected = sign('1714550400000', SECRET);
    // The same vector from Python's hmac module, so both sides cannot share one mistake.
    expect(expected).toBe('78H1TOFsoMjcZaDP+5OfeGje+EKeJPXA/ooqHVIt4+s=');

    const { url } = chatWebhookRequest(dingTalk, message, now);

    expect(url).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=TOKEN&timestamp=1714550400000' +
        `&sign=${encodeURIComponent(expected)}`,
    );
    expect(url).toContain('sign=78H1TOFsoMjcZaDP%2B5OfeGje%2BEKeJPXA%2FooqHVIt4%2Bs%3D');
  });

  it('leaves a DingTalk URL without secret unsigned', () => {
    const { url } = chatWebhookRequest({ ...dingTalk, secret: null }, message, now);
    expect(url).toBe(dingTalk.url);
  });

  it('keeps the query parameters already in the URL, encoding included', () => {
    const hook = {
      ...dingTalk,
      url: 'https://oapi.dingtalk.com/robot/send?access_token=TOK%2Bx&tag=a%20b',
    };
    const signed = new URL(chatWebhookRequest(hook, message, now).url);
    expect(signed.search).toMatch(
      /^\?access_token=TOK%2Bx&tag=a%20b&timestamp=1714550400000&sign=/,
    );

    const weCom: ChatWebhook = {
      kind: 'wecom',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY&debug=1',
      secret: null,
    };
    expect(chatWebhookRequest(weCom, message, now).url).toBe(weCom.url);
  });

  it('refuses a URL that is not http: or https:', () => {
    const ftp: ChatWebhook = { kind: 'wecom', url: 'ftp://robot.example/send?key=K', secret: null };
    expect(() => chatWebhookRequest(ftp, message, now)).toThrow(/http: or https:.*ftp:/);
  });
});

describe('postChatMessage to a robot on loopback', () => {
  const servers: { close(): Promise<void> }[] = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function robot(behave: RobotBehaviour): Promise<ChatRobotServer> {
    const server = await startChatRobotServer(behave);
    servers.push(server);
    return server;
  }

  const weCom = (server: ChatRobotServer): ChatWebhook => ({
    kind: 'wecom',
    url: `${server.origin}/cgi-bin/webhook/send?key=KEY`,
    secret: null,
  });
  const dingTalk = (server: ChatRobotServer, secret: string | null): ChatWebhook => ({
    kind: 'dingtalk',
    url: `${server.origin}/robot/send?access_token=TOKEN`,
    secret,
  });
  const replying =
    (status: number, payload: unknown): RobotBehaviour =>
    (_request, response) =>
      replyJson(response, status, payload);

  it('posts WeCom markdown as JSON (its heading is the title), and reports sent', async () => {
    const server = await robot(replying(200, OK));

    const outcome = await postChatMessage(weCom(server), message, { timeoutMs: 5000 });

    expect(outcome).toEqual({ status: 'sent', response: JSON.stringify(OK) });
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/cgi-bin/webhook/send?key=KEY');
    expect(request.headers['content-type']).toMatch(/^application\/json\b/);
    const body = parsedBody(server);
    expect(body).toEqual({ msgtype: 'markdown', markdown: { content: expect.any(String) } });
    const { content } = (body as { markdown: { content: string } }).markdown;
    expect(content).toBe(message.markdown);
  });

  it('posts signed DingTalk markdown that the robot verifies, and reports sent', async () => {
    const server = await robot(dingTalkRobot(SECRET));

    const outcome = await postChatMessage(dingTalk(server, SECRET), message, { timeoutMs: 5000 });

    expect(outcome).toEqual({ status: 'sent', response: JSON.stringify(OK) });
    expect(server.requests[0].headers['content-type']).toMatch(/^application\/json\b/);
    expect(parsedBody(server)).toEqual({
      msgtype: 'markdown',
      markdown: { title: message.title, text: message.markdown },
    });
  });

  it('reports a DingTalk signature the robot rejects (310000) as failed', async () => {
    const server = await robot(dingTalkRobot(SECRET));

    const outcome = await postChatMessage(dingTalk(server, 'SECwrong'), message, {
      timeoutMs: 5000,
    });

    expect(outcome).toEqual({ status: 'failed', error: expect.stringContaining('310000') });
  });

  it('cuts long WeCom markdown to 4096 UTF-8 bytes without splitting a character', async () => {
    const server = await robot(replying(200, OK));
    // 4096 less the 3-byte ellipsis is off the 3-byte grid of the text: a naive cut splits one.
    const long = { title: 'T', markdown: '督办事项'.repeat(1000) };

    const outcome = await postChatMessage(weCom(server), long, { timeoutMs: 5000 });

    expect(outcome.status).toBe('sent');
    const { content } = (parsedBody(server) as { markdown: { content: string } }).markdown;
    const bytes = Buffer.byteLength(content, 'utf8');
    expect(bytes).toBeLessThanOrEqual(4096);
    expect(bytes).toBeGreaterThan(4096 - 6);
    expect(content).not.toContain('\uFFFD');
    expect(content.startsWith('督办事项')).toBe(true);
    expect(content.endsWith('…')).toBe(true);
  });

  it.each([
    ['wecom', 45009],
    ['dingtalk', 130101],
    ['dingtalk', 130102],
  ] as const)('retries a %s rate limit (errcode %d)', async (kind, errcode) => {
    const server = await robot(replying(200, { errcode, errmsg: 'send too fast' }));
    const hook = kind === 'wecom' ? weCom(server) : dingTalk(server, null);

    const outcome = await postChatMessage(hook, message, { timeoutMs: 5000 });

    expect(outcome).toEqual({ status: 'retry', error: `errcode ${errcode} send too fast` });
  });

  it('retries on HTTP 503', async () => {
    const server = await robot(replying(503, { message: 'busy' }));
    const outcome = await postChatMessage(weCom(server), message, { timeoutMs: 5000 });
    expect(outcome).toEqual({ status: 'retry', error: expect.stringContaining('HTTP 503') });
  });

  it('fails on HTTP 404 with the status and an excerpt of the body', async () => {
    const server = await robot(replying(404, { message: 'no such robot' }));
    const outcome = await postChatMessage(weCom(server), message, { timeoutMs: 5000 });
    expect(outcome).toEqual({
      status: 'failed',
      error: expect.stringMatching(/HTTP 404.*no such robot/),
    });
  });

  it('fails on a 2xx body that is not a robot reply', async () => {
    const server = await robot((_request, response) => response.end('<html>portal</html>'));
    const outcome = await postChatMessage(weCom(server), message, { timeoutMs: 5000 });
    expect(outcome).toEqual({ status: 'failed', error: expect.stringContaining('<html>') });
  });

  it('does not read a reply past 64 KiB, even one that would say ok', async () => {
    const server = await robot(replying(200, { errcode: 0, errmsg: 'x'.repeat(100 * 1024) }));
    const outcome = await postChatMessage(weCom(server), message, { timeoutMs: 5000 });
    expect(outcome).toEqual({ status: 'failed', error: expect.stringContaining('errcode') });
    expect(outcome.status === 'failed' && outcome.error.length).toBeLessThan(500);
  });

  it('retries when the connection is refused', async () => {
    const port = await closedPort();
    const hook: ChatWebhook = {
      kind: 'wecom',
      url: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=KEY`,
      secret: null,
    };

    const outcome = await postChatMessage(hook, message, { timeoutMs: 5000 });

    expect(outcome).toEqual({ status: 'retry', error: expect.stringContaining('ECONNREFUSED') });
  });

  it('retries when the time runs out before the body is out', async () => {
    const deaf = await startDeafServer();
    servers.push(deaf);
    const hook: ChatWebhook = {
      kind: 'dingtalk',
      url: `http://127.0.0.1:${deaf.port}/robot/send?access_token=TOKEN`,
      secret: null,
    };
    // Far more than the loopback buffers hold, so the write cannot finish.
    const huge = { title: 'huge', markdown: 'x'.repeat(64 * 1024 * 1024) };

    const outcome = await postChatMessage(hook, huge, { timeoutMs: 300 });

    expect(outcome).toEqual({ status: 'retry', error: expect.stringContaining('300 ms') });
  });

  it('is unknown when the robot reads the body and drops the connection without answering', async () => {
    const server = await robot((_request, response) => response.socket?.destroy());

    const outcome = await postChatMessage(weCom(server), message, { timeoutMs: 5000 });

    expect(server.requests).toHaveLength(1);
    expect(outcome).toEqual({ status: 'unknown', error: expect.stringContaining('ECONNRESET') });
  });

  it('is unknown when the robot reads the body and never answers', async () => {
    const server = await robot(() => undefined);

    const outcome = await postChatMessage(weCom(server), message, { timeoutMs: 300 });

    expect(server.requests).toHaveLength(1);
    expect(outcome).toEqual({ status: 'unknown', error: expect.stringContaining('300 ms') });
  });

  it('fails without sending when the URL is not http: or https:', async () => {
    const hook: ChatWebhook = { kind: 'dingtalk', url: 'ftp://robot.example/send', secret: null };
    const outcome = await postChatMessage(hook, message, { timeoutMs: 300 });
    expect(outcome).toEqual({ status: 'failed', error: expect.stringContaining('ftp:') });
  });
});
