import { Injectable } from '@nestjs/common';
import { NotificationRepository } from '@duban/persistence';
import type { DependencyHealth } from './health-report';

/**
 * The outbox at a glance. Failed or unknown messages need a person, not a restart, so they are
 * reported as counts and never turn the service unhealthy.
 */
@Injectable()
export class NotificationsHealthIndicator {
  constructor(private readonly notifications: NotificationRepository) {}

  async check(): Promise<DependencyHealth> {
    const { pending, held, sending, failed, unknown } = await this.notifications.counts();
    return { status: 'up', pending, held, sending, failed, unknown };
  }
}
