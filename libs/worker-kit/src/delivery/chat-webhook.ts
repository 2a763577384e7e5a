import { createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ChatWebhookKind, ChatWebhookSpec } from '@duban/domain';
import type { DeliveryOutcome } from './delivery-outcome';

/**
 * A unit's robot (企业微信 WeCom or 钉钉 DingTalk). Its URL carries a credential and is never
 * logged; an empty DingTalk secret means unsigned, and WeCom robots have none.
 */
export type ChatWebhook = ChatWebhookSpec;

export interface ChatMessage {
  readonly title: string;
  readonly markdown: string;
}

/** WeCom refuses markdown content longer than this many UTF-8 bytes. */
const WECOM_CONTENT_MAX_BYTES = 4096;
const ELLIPSIS = '…';
/** A robot answers with a few dozen bytes; anything bigger is not a robot worth reading. */
const RESPONSE_MAX_BYTES = 64 * 1024;
const EXCERPT_CHARS = 200;
/** errcodes that ask to slow down: the message was not posted, so it may be sent again. */
const RATE_LIMIT_ERRCODES: Record<ChatWebhookKind, readonly number[]> = {
  wecom: [45009],
  dingtalk: [130101, 130102],
};

/**
 * The exact HTTP request a robot expects: URL (DingTalk: signed, with timestamp & sign query
 * params) and JSON body. Pure apart from the HMAC.
 */
export function chatWebhookRequest(
  hook: ChatWebhook,
  message: ChatMessage,
  now: Date,
): { url: string; body: string } {
  const url = webhookUrl(hook.url);
  switch (hook.kind) {
    case 'wecom':
      return { url: url.href, body: weComBody(message) };
    case 'dingtalk':
      return { url: signedDingTalkUrl(url, hook.secret, now), body: dingTalkBody(message) };
  }
}

/** Posts one message to a robot and says how it ended; never throws. */
export async function postChatMessage(
  hook: ChatWebhook,
  message: ChatMessage,
  options: { timeoutMs: number; now?: () => Date },
): Promise<DeliveryOutcome> {
  try {
    const { url, body } = chatWebhookRequest(hook, message, options.now?.() ?? new Date());
    return outcomeOf(hook.kind, await post(new URL(url), body, options.timeoutMs));
  } catch (error) {
    // A webhook that cannot even be addressed: nothing went out, and repeating cannot help.
    return { status: 'failed', error: errorText(error) };
  }
}

function webhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The address carries the robot's credential, so it stays out of the message.
    throw new Error('chat webhook URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`chat webhook URL must be http: or https:, not ${url.protocol}`);
  }
  return url;
}

/** WeCom markdown has no title field: the markdown opens with its own heading. */
function weComBody(message: ChatMessage): string {
  const content = truncateUtf8(message.markdown, WECOM_CONTENT_MAX_BYTES);
  return JSON.stringify({ msgtype: 'markdown', markdown: { content } });
}

function dingTalkBody(message: ChatMessage): string {
  return JSON.stringify({
    msgtype: 'markdown',
    markdown: { title: message.title, text: message.markdown },
  });
}

function signedDingTalkUrl(url: URL, secret: string | null, now: Date): string {
  if (!secret) return url.href;
  const timestamp = String(now.getTime());
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  // Appended as text: rebuilding through searchParams would re-encode the parameters already there.
  const extra = `timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
  url.search = url.search ? `${url.search}&${extra}` : extra;
  return url.href;
}

/** At most `maxBytes` of UTF-8, ellipsis included, never cutting a character in two. */
function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes - Buffer.byteLength(ELLIPSIS);
  // A continuation byte (10xxxxxx) at the cut means the character before it would be split.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8') + ELLIPSIS;
}

/** What came back from one POST, before the robot's JSON is interpreted. */
type Exchange =
  | {
      readonly answered: true;
      readonly status: number;
      readonly body: string;
      /** False when the body went past the size cap and was cut. */
      readonly whole: boolean;
    }
  | { readonly answered: false; readonly handedOver: boolean; readonly reason: string };

/**
 * One POST on its own connection: a kept-alive socket the server has already closed would fail
 * after the body went out and leave an avoidable `unknown`. Rejects only if Node refuses to
 * build the request.
 */
function post(url: URL, body: string, timeoutMs: number): Promise<Exchange> {
  return new Promise((resolve) => {
    let handedOver = false;
    let settled = false;
    const settle = (exchange: Exchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(exchange);
      req.destroy();
    };
    const noAnswer = (reason: string) => settle({ answered: false, handedOver, reason });
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) =>
        readCapped(
          res,
          (text, whole) =>
            settle({ answered: true, status: res.statusCode ?? 0, body: text, whole }),
          noAnswer,
        ),
    );
    const timer = setTimeout(
      () => noAnswer(`no complete response within ${timeoutMs} ms`),
      timeoutMs,
    );
    req.on('error', (error) => noAnswer(errorText(error)));
    // The callback runs once the socket has handed the whole request to the operating system:
    // from then on the robot may have it, before that it cannot.
    req.write(body, (error) => {
      handedOver = !error;
    });
    req.end();
  });
}

function readCapped(
  res: IncomingMessage,
  onBody: (text: string, whole: boolean) => void,
  onBroken: (reason: string) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const text = () => Buffer.concat(chunks).toString('utf8');
  res.on('data', (chunk: Buffer) => {
    if (size > RESPONSE_MAX_BYTES) return;
    chunks.push(chunk.subarray(0, RESPONSE_MAX_BYTES - size));
    size += chunk.length;
    if (size > RESPONSE_MAX_BYTES) onBody(text(), false);
  });
  res.on('end', () => onBody(text(), true));
  res.on('error', (error) => onBroken(errorText(error)));
  // Only the first report counts, so after 'end' this is a no-op.
  res.on('close', () => onBroken('connection closed during the response'));
}

/**
 * HTTP statuses do not follow the SMTP split: 429 and 5xx say the robot did not take the message
 * (try again later), any other refusal is about the request itself and would only repeat.
 */
function outcomeOf(kind: ChatWebhookKind, exchange: Exchange): DeliveryOutcome {
  if (!exchange.answered) {
    return exchange.handedOver
      ? { status: 'unknown', error: `request sent, no complete response: ${exchange.reason}` }
      : { status: 'retry', error: `request not sent: ${exchange.reason}` };
  }
  const { status, body } = exchange;
  if (status === 429 || status >= 500) {
    return { status: 'retry', error: `HTTP ${status}: ${excerpt(body)}` };
  }
  if (status < 200 || status >= 300) {
    return { status: 'failed', error: `HTTP ${status}: ${excerpt(body)}` };
  }
  const reply = exchange.whole ? robotReply(body) : null;
  if (!reply)
    return { status: 'failed', error: `HTTP ${status}, not a robot reply: ${excerpt(body)}` };
  if (reply.errcode === 0) return { status: 'sent', response: body };
  const error = `errcode ${reply.errcode} ${reply.errmsg}`;
  return { status: RATE_LIMIT_ERRCODES[kind].includes(reply.errcode) ? 'retry' : 'failed', error };
}

function robotReply(body: string): { errcode: number; errmsg: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { errcode, errmsg } = parsed as { errcode?: unknown; errmsg?: unknown };
  if (typeof errcode !== 'number') return null;
  return { errcode, errmsg: typeof errmsg === 'string' ? errmsg : '' };
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS
    ? `${flat.slice(0, EXCERPT_CHARS)}${ELLIPSIS}`
    : flat || '(empty body)';
}

function errorText(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  return typeof code === 'string' && !text.includes(code) ? `${code} ${text}` : text;
}
