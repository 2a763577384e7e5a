import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'yaml';
import { DataSource } from 'typeorm';
import { readOrganisation, type Role } from '@duban/domain';
import { OrgRepository, type PersonView, type UnitView } from '@duban/persistence';
import { startSmtpSink } from '@duban/devstack';
import { hashPassword } from '@duban/security';
import { createTestDatabase, type TestDatabase } from '@duban/testing';
import { createApiApp } from '../create-api-app';

export const SAMPLE_ORG = path.resolve(
  __dirname,
  '../../../../samples/org/district-civil-affairs-bureau.yaml',
);
export const SAMPLE_PLAN = path.resolve(
  __dirname,
  '../../../../samples/plans/2024-district-civil-affairs-work-plan.txt',
);
/** Every sample person gets this password in tests. */
export const TEST_PASSWORD = 'Test-Passw0rd!';

export interface Answer<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface CallOptions {
  readonly body?: unknown;
  readonly token?: string;
  readonly headers?: Record<string, string>;
}

/**
 * The API as deployed, over real HTTP, on its own MariaDB database with the sample bureau, next
 * to an SMTP sink (the test run's Temporal dev server is there already).
 */
export interface TestApi {
  readonly app: NestFastifyApplication;
  readonly base: string;
  readonly dataSource: DataSource;
  /** Where the SMTP sink keeps what it received. */
  readonly mailDir: string;
  readonly smtpPort: number;
  call<T = Record<string, unknown>>(
    method: string,
    route: string,
    options?: CallOptions,
  ): Promise<Answer<T>>;
  /** An access token of the given user (logs in once per user and caches it). */
  tokenOf(username: string): Promise<string>;
  /** The first sample person holding the role (in the named unit, if given). */
  person(role: Role, unitName?: string): PersonView;
  unit(name: string): UnitView;
  close(): Promise<void>;
}

export async function startTestApi(
  name: string,
  env: Record<string, string> = {},
): Promise<TestApi> {
  const database: TestDatabase = await createTestDatabase(name);
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-mail-'));
  const sink = await startSmtpSink({ port: 0, mailDir });
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    MAIL_SINK_DIR: mailDir,
    ...env,
  });
  const app = await createApiApp();
  await app.listen(0, '127.0.0.1');
  const base = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api`;
  const org = app.get(OrgRepository);
  await org.importOrganisation(readOrganisation(parse(fs.readFileSync(SAMPLE_ORG, 'utf8'))), null);
  const hash = await hashPassword(TEST_PASSWORD);
  const people = await org.listPeople();
  for (const person of people) await org.setPassword(person.id, hash, null);
  const units = await org.listUnits();
  const tokens = new Map<string, string>();

  const call = async <T>(method: string, route: string, options: CallOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    let body: FormData | string | undefined;
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    const response = await fetch(`${base}${route}`, { method, headers, body });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : null) as T,
      headers: response.headers,
    };
  };

  const unit = (unitName: string) => {
    const found = units.find((u) => u.name === unitName);
    if (!found) throw new Error(`the sample organisation has no unit ${unitName}`);
    return found;
  };

  return {
    app,
    base,
    dataSource: app.get(DataSource),
    mailDir,
    smtpPort: sink.port,
    call,
    async tokenOf(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const answer = await call<{ accessToken?: string }>('POST', '/auth/login', {
        body: { username, password: TEST_PASSWORD },
      });
      if (!answer.body.accessToken) {
        throw new Error(
          `login of ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`,
        );
      }
      tokens.set(username, answer.body.accessToken);
      return answer.body.accessToken;
    },
    person(role, unitName) {
      const unitId = unitName === undefined ? undefined : unit(unitName).id;
      const found = people.find(
        (p) => p.roles.includes(role) && (unitId === undefined || p.unitId === unitId),
      );
      if (!found)
        throw new Error(`the sample organisation has no ${role} in ${unitName ?? 'any unit'}`);
      return found;
    },
    unit,
    async close() {
      await app.close();
      await sink.stop();
      await database.drop();
      fs.rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
