import { Inject, Injectable } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { NotificationRepository, type FinishedAttempt } from '@duban/persistence';
import { MAIL_TRANSPORT } from '../mail/mail-transport.module';
import { within, type DependencyHealth } from './health-report';
import { DELIVERY_SAMPLE, DELIVERY_WINDOW_MS, smtpDeliveryState } from './smtp-delivery-state';

/**
 * The SMTP server as the outbox knows it: a server that accepts connections may still refuse
 * every message, which only the results of real deliveries show (a probe message would reach
 * someone). The outbox lookup gets part of the budget, so a slow database leaves the answer to
 * the connection alone instead of taking SMTP down with it.
 */
@Injectable()
export class SmtpHealthIndicator {
  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter,
    private readonly notifications: NotificationRepository,
  ) {}

  async check(budgetMs: number): Promise<DependencyHealth> {
    const [, attempts] = await Promise.all([
      // Opens a session and says hello: the server is there and accepts us. Throws if not.
      this.transport.verify(),
      within(budgetMs / 2, this.latestAttempts()).catch(() => []),
    ]);
    return smtpDeliveryState(attempts);
  }

  private latestAttempts(): Promise<FinishedAttempt[]> {
    const since = new Date(Date.now() - DELIVERY_WINDOW_MS);
    return this.notifications.latestAttempts('email', since, DELIVERY_SAMPLE);
  }
}
