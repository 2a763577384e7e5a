import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DubanConfig } from '@duban/config';
import { dataSourceOptions, prepareDatabaseLocation } from './data-source';
import { DiagnosticProbeRepository } from './repositories/diagnostic-probe.repository';
import { PlanRepository } from './repositories/plan.repository';

const repositories = [
  {
    provide: DiagnosticProbeRepository,
    useFactory: (dataSource: DataSource) => new DiagnosticProbeRepository(dataSource),
    inject: [DataSource],
  },
  {
    provide: PlanRepository,
    useFactory: (dataSource: DataSource) => new PlanRepository(dataSource),
    inject: [DataSource],
  },
];

/**
 * The database for a Nest application. Migrations are not run here: the API applies them
 * explicitly at boot (with progress lines), the worker never does, so two processes never race.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DubanConfig],
      useFactory: ({ env }: DubanConfig) => {
        prepareDatabaseLocation(env.database);
        return dataSourceOptions(env.database);
      },
    }),
  ],
  providers: repositories,
  exports: repositories,
})
export class PersistenceModule {}
