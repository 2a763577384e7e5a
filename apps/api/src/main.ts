import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { exitOnBootError, parseEnv } from '@duban/config';
import { API_PREFIX, createApiApp } from './create-api-app';

async function bootstrap(): Promise<void> {
  const { host, port } = parseEnv(process.env);
  const app = await createApiApp();
  await app.listen(port, host);
  new Logger('Api').log(`listening on http://localhost:${port}/${API_PREFIX}`);
}

bootstrap().catch(exitOnBootError);
