import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { NotificationRepository } from '@duban/persistence';

/**
 * The outbox at a glance. Failed or unknown messages need a person, not a restart, so they are
 * reported as counts and never turn the service unhealthy.
 */
@Injectable()
export class NotificationsHealthIndicator {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const { pending, held, sending, failed, unknown } = await this.notifications.counts();
      return indicator.up({ pending, held, sending, failed, unknown });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
