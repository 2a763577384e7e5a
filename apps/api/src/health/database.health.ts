import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DependencyHealth } from './health-report';

@Injectable()
export class DatabaseHealthIndicator {
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<DependencyHealth> {
    await this.dataSource.query('SELECT 1');
    return { status: 'up' };
  }
}
