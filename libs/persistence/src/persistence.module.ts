import * as path from 'node:path';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DubanConfig } from '@duban/config';
import { dataSourceOptions, prepareDatabaseLocation } from './data-source';
import { AuditRepository } from './repositories/audit.repository';
import { DiagnosticProbeRepository } from './repositories/diagnostic-probe.repository';
import { EvidenceRepository } from './repositories/evidence.repository';
import { NotificationRepository } from './repositories/notification.repository';
import { OrgRepository } from './repositories/org.repository';
import { PlanRepository } from './repositories/plan.repository';
import { SessionRepository } from './repositories/session.repository';
import { SupervisionRepository } from './repositories/supervision.repository';

const repositories = [
  {
    provide: AuditRepository,
    useFactory: (dataSource: DataSource) => new AuditRepository(dataSource),
    inject: [DataSource],
  },
  {
    provide: OrgRepository,
    useFactory: (dataSource: DataSource, audit: AuditRepository) =>
      new OrgRepository(dataSource, audit),
    inject: [DataSource, AuditRepository],
  },
  {
    provide: EvidenceRepository,
    useFactory: (dataSource: DataSource, audit: AuditRepository, { env }: DubanConfig) =>
      new EvidenceRepository(dataSource, audit, path.join(env.dataDir, 'evidence')),
    inject: [DataSource, AuditRepository, DubanConfig],
  },
  {
    provide: SupervisionRepository,
    useFactory: (dataSource: DataSource) => new SupervisionRepository(dataSource),
    inject: [DataSource],
  },
  {
    provide: NotificationRepository,
    useFactory: (dataSource: DataSource, audit: AuditRepository) =>
      new NotificationRepository(dataSource, audit),
    inject: [DataSource, AuditRepository],
  },
  {
    provide: SessionRepository,
    useFactory: (dataSource: DataSource) => new SessionRepository(dataSource),
    inject: [DataSource],
  },
  {
    provide: DiagnosticProbeRepository,
    useFactory: (dataSource: DataSource) => new DiagnosticProbeRepository(dataSource),
    inject: [DataSource],
  },
  {
    provide: PlanRepository,
    useFactory: (dataSource: DataSource, audit: AuditRepository) =>
      new PlanRepository(dataSource, audit),
    inject: [DataSource, AuditRepository],
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
