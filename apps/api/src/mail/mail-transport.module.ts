import { Global, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { DubanConfig } from '@duban/config';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

@Global()
@Module({
  providers: [
    {
      provide: MAIL_TRANSPORT,
      useFactory: ({ env }: DubanConfig): Transporter =>
        createTransport({
          url: env.smtpUrl,
          connectionTimeout: 3_000,
          greetingTimeout: 3_000,
        } as SMTPTransport.Options),
      inject: [DubanConfig],
    },
  ],
  exports: [MAIL_TRANSPORT],
})
export class MailTransportModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: Transporter) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
