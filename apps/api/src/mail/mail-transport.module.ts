import { Global, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { DubanConfig } from '@duban/config';
import { createMailTransport } from '@duban/worker-kit';

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

@Global()
@Module({
  providers: [
    {
      provide: MAIL_TRANSPORT,
      useFactory: ({ env }: DubanConfig): Transporter => createMailTransport(env),
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
