import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Transporter } from 'nodemailer';
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
 * asks to come back. Without a reply, it depends on whether the whole message had been handed
 * to the connection: before that the server cannot have accepted it, after that it may have.
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
  const raw = await new MailComposer({
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
  let handedOver = false;
  const stream = Readable.from([raw]);
  stream.once('end', () => {
    handedOver = true;
  });
  try {
    const info = (await transport.sendMail({
      envelope: { from: envelopeAddress(mail.from), to: [mail.to.address] },
      raw: stream,
    })) as { response?: string; rejected?: unknown[] };
    if (info.rejected && info.rejected.length > 0) {
      return { status: 'failed', error: `recipient rejected: ${info.response ?? ''}` };
    }
    return { status: 'sent', response: info.response ?? '' };
  } catch (error) {
    return classifySmtpError(error, handedOver);
  }
}

function envelopeAddress(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}
