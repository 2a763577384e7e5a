import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { DubanConfig } from '@duban/config';
import { createMailTransport } from '@duban/worker-kit';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  useFactory: ({ env }: DubanConfig): Transporter => createMailTransport(env),
  inject: [DubanConfig],
};

/** Closes the pool's connections once the worker has drained. */
@Injectable()
export class MailTransportCloser implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: Transporter) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
