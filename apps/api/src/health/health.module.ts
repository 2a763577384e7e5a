import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { NotificationsHealthIndicator } from './notifications.health';
import { SmtpHealthIndicator } from './smtp.health';
import { TemporalHealthIndicator } from './temporal.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [TemporalHealthIndicator, SmtpHealthIndicator, NotificationsHealthIndicator],
})
export class HealthModule {}
