import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Transporter } from 'nodemailer';
import { MAIL_TRANSPORT } from '../mail/mail-transport.module';

@Injectable()
export class SmtpHealthIndicator {
  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: Transporter,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** Opens a session and says hello: proves the server is there and accepts us. */
  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await this.transport.verify();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
