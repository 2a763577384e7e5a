import { Module, type DynamicModule } from '@nestjs/common';
import { DubanConfigModule } from '@duban/config';
import { PersistenceModule } from '@duban/persistence';
import { MailTransportCloser, mailTransportProvider } from './mail-transport.provider';
import { TemporalWorkerHost } from './temporal-worker.host';

@Module({})
export class WorkerModule {
  static forRoot(): DynamicModule {
    return {
      module: WorkerModule,
      imports: [DubanConfigModule.forRoot(), PersistenceModule],
      providers: [mailTransportProvider, MailTransportCloser, TemporalWorkerHost],
    };
  }
}
