import { Module, type DynamicModule } from '@nestjs/common';
import { DubanConfigModule } from '@duban/config';
import { PersistenceModule } from '@duban/persistence';
import { DiagnosticsModule } from './diagnostics/diagnostics.module';
import { HealthModule } from './health/health.module';
import { MailTransportModule } from './mail/mail-transport.module';
import { PlansModule } from './plans/plans.module';
import { TemporalClientModule } from './temporal/temporal-client.module';

@Module({})
export class AppModule {
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DubanConfigModule.forRoot(),
        PersistenceModule,
        TemporalClientModule,
        MailTransportModule,
        HealthModule,
        DiagnosticsModule,
        PlansModule,
      ],
    };
  }
}
