import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Connection } from '@temporalio/client';

/** grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING */
const SERVING = 1;
const TIMEOUT_MS = 2_000;

@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly connection: Connection,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const response = await this.connection.withDeadline(Date.now() + TIMEOUT_MS, () =>
        this.connection.healthService.check({}),
      );
      return response.status === SERVING
        ? indicator.up()
        : indicator.down({ message: `frontend status ${String(response.status)}` });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
