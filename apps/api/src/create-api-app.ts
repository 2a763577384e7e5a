import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DubanConfig, assertApiEnv, parseEnv } from '@duban/config';
import { migrateDatabase } from '@duban/persistence';
import { MAX_INPUT_BYTES } from '@duban/plan-parser';
import { AppModule } from './app.module';
import { sendApiError } from './errors/api-error';
import { ApiExceptionFilter, toApiError } from './errors/api-exception.filter';
import { DomainExceptionFilter } from './errors/domain-exception.filter';
import { TemporalExceptionFilter } from './errors/temporal-exception.filter';
import { enforceBodyLimits } from './http/body-limit';
import { useJsonBodyParser } from './http/json-body';
import { VALIDATION_OPTIONS } from './validation-options';

export const API_PREFIX = 'api';
const BODY_LIMIT_BYTES = 1024 * 1024;

/** The API exactly as deployed, minus `listen`: used by `main.ts` and by the tests. */
export async function createApiApp(): Promise<NestFastifyApplication> {
  assertApiEnv(parseEnv(process.env));
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(),
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      // Bad URLs and over-long parameters are answered before any route, so before Nest's filters.
      frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
        sendApiError(reply, toApiError(error, request)),
    }),
    // Nest's body parsers would replace the JSON parser below; the API takes JSON and multipart only.
    { abortOnError: false, bodyParser: false },
  );
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  enforceBodyLimits(fastify);
  useJsonBodyParser(fastify);
  // Uploaded plan documents: the parser reads at most 5 MB, so nothing larger is buffered.
  await app.register(multipart, { limits: { fileSize: MAX_INPUT_BYTES } });
  await app.register(helmet);
  const { corsOrigins } = app.get(DubanConfig).env.security;
  // No origins configured: no CORS headers at all, so browsers refuse cross-origin calls.
  if (corsOrigins.length) app.enableCors({ origin: [...corsOrigins], maxAge: 600 });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(new ValidationPipe(VALIDATION_OPTIONS));
  // The last filter listed is asked first; the catch-all answers what the others do not catch.
  app.useGlobalFilters(
    new ApiExceptionFilter(),
    new DomainExceptionFilter(),
    new TemporalExceptionFilter(),
  );
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('督办 Duban API')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document);
  const logger = new Logger('Database');
  await migrateDatabase(app.get(DataSource), (line) => logger.log(line));
  return app;
}
