export * from './schema';
export * from './data-source';
export * from './migrate';
export * from './persistence.module';
export * from './entities/diagnostic-probe.entity';
export * from './repositories/diagnostic-probe.repository';
