import { Module } from '@nestjs/common';
import { DatabaseHealthIndicator } from './database.health';
import { HealthController } from './health.controller';
import { NotificationsHealthIndicator } from './notifications.health';
import { SmtpHealthIndicator } from './smtp.health';
import { TemporalHealthIndicator } from './temporal.health';

@Module({
  controllers: [HealthController],
  providers: [
    DatabaseHealthIndicator,
    TemporalHealthIndicator,
    SmtpHealthIndicator,
    NotificationsHealthIndicator,
  ],
})
export class HealthModule {}
