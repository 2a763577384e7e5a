import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { DubanConfig, DubanConfigModule } from '@duban/config';
import { PersistenceModule } from '@duban/persistence';
import { AuditModule } from './audit/audit.module';
import { NotificationsModule } from './notifications/notifications.module';
import { AccessGuard } from './auth/access.guard';
import { AuthModule } from './auth/auth.module';
import { rateLimits } from './auth/rate-limits';
import { DiagnosticsModule } from './diagnostics/diagnostics.module';
import { HealthModule } from './health/health.module';
import { MailTransportModule } from './mail/mail-transport.module';
import { OrgModule } from './org/org.module';
import { PlansModule } from './plans/plans.module';
import { SupervisionModule } from './supervision/supervision.module';
import { TemporalClientModule } from './temporal/temporal-client.module';

@Module({})
export class AppModule {
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DubanConfigModule.forRoot(),
        PersistenceModule,
        ThrottlerModule.forRootAsync({
          inject: [DubanConfig, Reflector],
          useFactory: ({ env }: DubanConfig, reflector: Reflector) =>
            rateLimits(env.security, reflector),
        }),
        AuthModule,
        TemporalClientModule,
        MailTransportModule,
        HealthModule,
        DiagnosticsModule,
        PlansModule,
        OrgModule,
        AuditModule,
        NotificationsModule,
        SupervisionModule,
      ],
      // In this order: an over-limit client is turned away before any token or database work.
      providers: [
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
