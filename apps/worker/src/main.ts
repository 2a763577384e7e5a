import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '@temporalio/worker';
import { exitOnBootError, parseEnv } from '@duban/config';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  // Validate before Nest starts logging, so a bad variable is reported as a single line.
  parseEnv(process.env);
  // Nest owns the signals, so the worker drains through the same shutdown hooks as everything else.
  Runtime.install({ shutdownSignals: [] });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), {
    abortOnError: false,
  });
  app.enableShutdownHooks();
}

bootstrap().catch(exitOnBootError);
