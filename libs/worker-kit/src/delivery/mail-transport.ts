import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { DubanEnv } from '@duban/config';
import { WorkingCalendar } from '@duban/domain';
import { statutoryCalendarData } from '@duban/calendar';
import type { NotifySettings } from './notification-deps';

/**
 * The SMTP connection pool: `SMTP_URL` says plain (smtp://, upgraded by STARTTLS when the server
 * offers it), TLS (smtps://) and credentials; timeouts keep a silent server from holding a claim.
 */
export function createMailTransport(env: Pick<DubanEnv, 'smtpUrl' | 'notify'>): Transporter {
  const url = new URL(env.smtpUrl);
  return createTransport({
    pool: true,
    maxConnections: env.notify.concurrency,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 25,
    secure: url.protocol === 'smtps:',
    requireTLS: url.searchParams.get('requireTLS') === 'true',
    ...(url.username && {
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    // Below the dispatcher's heartbeat timeout: a silent server cannot hold a round hostage.
    socketTimeout: 20_000,
  } as SMTPPool.Options);
}

export function notifySettings(env: Pick<DubanEnv, 'notify'>): NotifySettings {
  const { notify } = env;
  return {
    from: notify.from,
    publicUrl: notify.publicUrl,
    quietHours: notify.quietHours,
    morning: notify.morning,
    concurrency: notify.concurrency,
    claimLeaseMs: notify.claimLeaseSeconds * 1000,
    retryBaseMs: notify.retrySeconds * 1000,
  };
}

/** The statutory working-day calendar (Monday to Friday beyond the years it knows). */
export function statutoryCalendar(): WorkingCalendar {
  return new WorkingCalendar(statutoryCalendarData());
}
