import * as net from 'node:net';
import { startTestApi, type TestApi } from '../testing/test-api';

const MB = 1024 * 1024;
/** How long a client waits for `100 Continue` before sending anyway (curl's default is 1 s). */
const CONTINUE_WAIT_MS = 1000;

interface Exchange {
  /** Interim answers, e.g. `100 Continue`, in the order they came. */
  readonly interim: readonly number[];
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** Whether the body (or any of it) was sent at all. */
  readonly sentBody: boolean;
}

interface Upload {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Send the body as chunks of this size with `Transfer-Encoding: chunked`. */
  readonly chunked?: boolean;
  /**
   * Like many simple clients: send the whole body before reading anything (so a server that
   * closes early shows up as a reset, not as an answer).
   */
  readonly readAfterSending?: boolean;
}

/** Reads the answers on a socket: interim 1xx ones, then one final answer with a length. */
class AnswerReader {
  private buffer = Buffer.alloc(0);
  readonly interim: number[] = [];
  private final: { status: number; body: Record<string, unknown> } | null = null;

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0 || this.final) return;
      const head = this.buffer.subarray(0, end).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      if (status < 200) {
        this.interim.push(status);
        this.buffer = this.buffer.subarray(end + 4);
        continue;
      }
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
      const body = this.buffer.subarray(end + 4);
      if (body.length < length) return;
      this.final = { status, body: JSON.parse(body.subarray(0, length).toString('utf8')) };
    }
  }

  get answered(): boolean {
    return this.final !== null;
  }

  get result() {
    return this.final;
  }
}

function requestHead(upload: Upload, host: string): string {
  const lines = [`POST /api${upload.path} HTTP/1.1`, `Host: ${host}`];
  for (const [name, value] of Object.entries(upload.headers)) lines.push(`${name}: ${value}`);
  lines.push(
    upload.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${upload.body.length}`,
  );
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function framed(upload: Upload): Buffer {
  if (!upload.chunked) return upload.body;
  const parts: Buffer[] = [];
  for (let at = 0; at < upload.body.length; at += MB) {
    const chunk = upload.body.subarray(at, at + MB);
    parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

const PIECE_BYTES = 256 * 1024;
const PIECE_PAUSE_MS = 5;

/**
 * As over a real network: the upload takes a while, so the server can answer before it ends
 * (on loopback an 18 MB write is gone before the server has looked at it).
 */
async function uploadSlowly(socket: net.Socket, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
    await new Promise<void>((resolve, reject) =>
      socket.write(bytes.subarray(at, at + PIECE_BYTES), (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, PIECE_PAUSE_MS));
  }
}

/** One request over a raw socket, as an HTTP/1.1 client that honours `Expect: 100-continue`. */
function exchange(base: string, upload: Upload): Promise<Exchange> {
  const url = new URL(base);
  const socket = net.connect(Number(url.port), url.hostname);
  const reader = new AnswerReader();
  let sentBody = false;
  return new Promise<Exchange>((resolve, reject) => {
    const finish = () => {
      const result = reader.result;
      if (result) resolve({ interim: reader.interim, ...result, sentBody });
      else reject(new Error(`connection ended without an answer (body sent: ${sentBody})`));
      socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      reader.push(chunk);
      if (reader.answered) finish();
    });
    socket.on('error', (error) => reject(new Error(`${error.message} (body sent: ${sentBody})`)));
    socket.on('end', finish);
    const sendBody = () => {
      if (sentBody || reader.answered) return;
      sentBody = true;
      if (upload.readAfterSending) socket.pause();
      void uploadSlowly(socket, framed(upload)).then(
        () => socket.resume(),
        (error: Error) => reject(new Error(`${error.message} while sending the body`)),
      );
    };
    socket.once('connect', () => {
      socket.write(requestHead(upload, url.host));
      if (!/100-continue/i.test(upload.headers['Expect'] ?? '')) return sendBody();
      const waited = setTimeout(sendBody, CONTINUE_WAIT_MS);
      socket.on('data', () => {
        if (reader.interim.includes(100) || reader.answered) {
          clearTimeout(waited);
          sendBody();
        }
      });
    });
  });
}

function jsonOf(size: number): Buffer {
  return Buffer.from(JSON.stringify({ text: 'x'.repeat(size) }));
}

function expectTooLarge(answer: Exchange, limitMb: number): void {
  expect(answer.status).toBe(413);
  expect(answer.body).toMatchObject({
    statusCode: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: expect.stringContaining(`${limitMb} MB`),
    messageEn: expect.stringContaining(`${limitMb} MB`),
  });
}

describe('bodies over the limit', () => {
  let api: TestApi;
  let supervisor: Record<string, string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    api = await startTestApi('duban_body_limit_api', { WRITE_RATE_LIMIT: '100000' });
    const bearer = async (role: 'supervisor' | 'admin') => ({
      Authorization: `Bearer ${await api.tokenOf(api.person(role).username)}`,
      'Content-Type': 'application/json',
    });
    supervisor = await bearer('supervisor');
    admin = await bearer('admin');
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each([
    ['the plan import', '/plans/import', 10],
    ['an ordinary JSON route', '/units', 1],
  ])(
    'answers an 18 MB body to %s that expects 100-continue with 413 at once, without 100 Continue',
    async (_what, path, limitMb) => {
      const answer = await exchange(api.base, {
        path,
        headers: { ...(path === '/units' ? admin : supervisor), Expect: '100-continue' },
        body: jsonOf(18 * MB),
      });
      expectTooLarge(answer, limitMb);
      expect(answer.interim).toEqual([]);
      expect(answer.sentBody).toBe(false);
    },
  );

  it('still lets a body within the limit through after 100 Continue', async () => {
    const answer = await exchange(api.base, {
      path: '/units',
      headers: { ...admin, Expect: '100-continue' },
      body: Buffer.from(
        JSON.stringify({ code: 'expect-ok', name: '期望单位', kind: 'department', headId: null }),
      ),
    });
    expect(answer.interim).toEqual([100]);
    expect(answer.status).toBe(201);
  });

  it.each([
    ['the plan import', '/plans/import', 10],
    ['an ordinary JSON route', '/units', 1],
  ])(
    'answers an 18 MB body to %s sent whole before reading with 413, not a reset',
    async (_what, path, limitMb) => {
      const answer = await exchange(api.base, {
        path,
        headers: path === '/units' ? admin : supervisor,
        body: jsonOf(18 * MB),
        readAfterSending: true,
      });
      expectTooLarge(answer, limitMb);
    },
  );

  it('answers an 18 MB chunked body (no declared length) with 413, not a dropped connection', async () => {
    const answer = await exchange(api.base, {
      path: '/units',
      headers: admin,
      body: jsonOf(18 * MB),
      chunked: true,
      readAfterSending: true,
    });
    expectTooLarge(answer, 1);
  });
});
