import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Connection } from '@temporalio/client';
import { DubanConfig } from '@duban/config';
import type { DependencyHealth } from './health-report';

/** grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING */
const SERVING = 1;

/**
 * Asks the Temporal frontend over a connection of its own without the client's retries: a
 * health check reports the state now, where the API's calls rightly retry through a blip, and
 * a retry still scheduled when its question has been answered would outlive the answer.
 */
@Injectable()
export class TemporalHealthIndicator implements OnApplicationShutdown {
  private readonly connection: Connection;

  constructor({ env }: DubanConfig) {
    this.connection = Connection.lazy({ address: env.temporalAddress, interceptors: [] });
  }

  async check(budgetMs: number): Promise<DependencyHealth> {
    const response = await this.connection.withDeadline(Date.now() + budgetMs, () =>
      this.connection.healthService.check({}),
    );
    return response.status === SERVING
      ? { status: 'up' }
      : { status: 'down', message: `frontend status ${String(response.status)}` };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
