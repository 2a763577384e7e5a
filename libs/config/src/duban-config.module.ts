import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { parseEnv, type DubanEnv } from './env';

/** Injectable view of the validated environment. */
export class DubanConfig {
  constructor(readonly env: DubanEnv) {}
}

@Module({})
export class DubanConfigModule {
  /**
   * Reads `process.env` when called, not when this file is imported, so that an application
   * (or a test) built after changing the environment sees the change.
   */
  static forRoot(): DynamicModule {
    return {
      module: DubanConfigModule,
      global: true,
      imports: [
        ConfigModule.forRoot({
          cache: true,
          ignoreEnvFile: true,
          validate: (raw: Record<string, string | undefined>) => ({ duban: parseEnv(raw) }),
        }),
      ],
      providers: [
        {
          provide: DubanConfig,
          useFactory: (config: ConfigService) =>
            new DubanConfig(config.getOrThrow<DubanEnv>('duban')),
          inject: [ConfigService],
        },
      ],
      exports: [DubanConfig],
    };
  }
}
