import { createHash } from 'node:crypto';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import type { SendMailOptions, Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { DeliveryOutcome } from './delivery-outcome';

export interface OutgoingMail {
  /** `督办系统 <duban@example.gov.cn>` */
  readonly from: string;
  readonly to: { readonly name: string; readonly address: string };
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
}

/**
 * The same key always gives the same Message-ID, so a message that did go out twice would be
 * recognisable as one by any mail system that deduplicates.
 */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'duban.local';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

interface SmtpError {
  readonly message?: string;
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;
}

/**
 * What a failed attempt means. A reply from the server is definite: 5xx refuses for good, 4xx
 * asks to come back. Without a reply, it depends on whether the connection had read the whole
 * message (see `watchHandover`): before that the server cannot have accepted it, after that it
 * may have. A broken message stream (ESTREAM) is no reply either.
 */
export function classifySmtpError(error: unknown, handedOver: boolean): DeliveryOutcome {
  const e = (error ?? {}) as SmtpError;
  const text = [e.code, e.response ?? e.message].filter(Boolean).join(' ');
  if (typeof e.responseCode === 'number') {
    return { status: e.responseCode >= 500 ? 'failed' : 'retry', error: text };
  }
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return { status: 'failed', error: text };
  return { status: handedOver ? 'unknown' : 'retry', error: text };
}

/** Sends one message and says how it ended; never throws. */
export async function sendMail(
  transport: Transporter,
  mail: OutgoingMail,
): Promise<DeliveryOutcome> {
  watchHandover(transport);
  let handedOver = false;
  const options: WatchedMailOptions = {
    envelope: { from: envelopeAddress(mail.from), to: [mail.to.address] },
    // A buffer, not a stream: the pool hands a message the server refused before DATA (a 421
    // on a reused connection) to another connection, which must be able to read it again.
    raw: await composeRaw(mail),
    [ON_HANDED_OVER]: () => {
      handedOver = true;
    },
  };
  try {
    const info = (await transport.sendMail(options)) as {
      response?: string;
      rejected?: unknown[];
    };
    if (info.rejected && info.rejected.length > 0) {
      return { status: 'failed', error: `recipient rejected: ${info.response ?? ''}` };
    }
    return { status: 'sent', response: info.response ?? '' };
  } catch (error) {
    return classifySmtpError(error, handedOver);
  }
}

function composeRaw(mail: OutgoingMail): Promise<Buffer> {
  return new MailComposer({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    // RFC 3834: out-of-office robots must not answer a notice.
    headers: { 'Auto-Submitted': 'auto-generated' },
  })
    .compile()
    .build();
}

/** Message data a transport plugin reads: called once the connection has read the message. */
const ON_HANDED_OVER = 'dubanOnHandedOver';
type WatchedMailOptions = SendMailOptions & { readonly [ON_HANDED_OVER]?: () => void };

const watchedTransports = new WeakSet<Transporter>();

/**
 * Reports when the connection has read a message to its end. It only reads after the server
 * answered DATA with 354, so before that the server cannot have the message, whatever the
 * error; the source buffer tells nothing, as nodemailer copies it into its own stream long
 * before DATA. Watched per attempt: the pool builds a new stream each time it tries a message.
 */
function watchHandover(transport: Transporter): void {
  if (watchedTransports.has(transport)) return;
  watchedTransports.add(transport);
  transport.use('stream', (mail, done) => {
    const onHandedOver = (mail.data as WatchedMailOptions)[ON_HANDED_OVER];
    if (onHandedOver) mail.message.processFunc((input) => tapEnd(input, onHandedOver));
    done();
  });
}

/** The same bytes; `onEnd` runs when whoever reads them has read the last one. */
function tapEnd(input: Readable, onEnd: () => void): Readable {
  const tap = new PassThrough();
  tap.once('end', onEnd);
  // Errors of the input end the tap, which is what the connection reads and reports.
  pipeline(input, tap, () => undefined);
  return tap;
}

function envelopeAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}
