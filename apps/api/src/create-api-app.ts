import { Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { migrateDatabase } from '@duban/persistence';
import { AppModule } from './app.module';
import { DomainExceptionFilter } from './errors/domain-exception.filter';
import { TemporalExceptionFilter } from './errors/temporal-exception.filter';

export const API_PREFIX = 'api';
const BODY_LIMIT_BYTES = 1024 * 1024;

/** The API exactly as deployed, minus `listen`: used by `main.ts` and by the tests. */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    { abortOnError: false },
  );
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.useGlobalFilters(new DomainExceptionFilter(), new TemporalExceptionFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('督办 Duban API').setVersion('0.1.0').build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document);
  const logger = new Logger('Database');
  await migrateDatabase(app.get(DataSource), (line) => logger.log(line));
  return app;
}
