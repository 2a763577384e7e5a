import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DubanConfig } from '@duban/config';

/**
 * One lazy connection for the API's lifetime: the API boots even while Temporal is down, and
 * gRPC reconnects by itself once Temporal is back.
 */
@Global()
@Module({
  providers: [
    {
      provide: Connection,
      useFactory: ({ env }: DubanConfig) => Connection.lazy({ address: env.temporalAddress }),
      inject: [DubanConfig],
    },
    {
      provide: Client,
      useFactory: (connection: Connection, { env }: DubanConfig) =>
        new Client({ connection, namespace: env.temporalNamespace }),
      inject: [Connection, DubanConfig],
    },
  ],
  exports: [Connection, Client],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Connection) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
