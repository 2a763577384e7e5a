import * as path from 'node:path';
import { parseEnv, parsePort, type RawEnv } from '@duban/config';
import {
  assertPortsFree,
  describeExit,
  ensureTemporalCli,
  startNodeProcess,
  startSmtpSink,
  startTemporalDevServer,
  supervise,
  waitForHttpOk,
  type PortClaim,
  type SupervisedChild,
  type Supervisor,
} from '@duban/devstack';
import { migrateDatabase, openDataSource } from '@duban/persistence';
import { devJwtSecret } from './dev-jwt-secret';
import { demoAccountLines, ensureDemoAccounts, type DemoAccount } from './demo-accounts';
import { importSamplePlan } from './sample-plan';

export interface DevStack {
  readonly urls: Readonly<
    Record<'api' | 'docs' | 'health' | 'temporalUi' | 'samplePlan', string | undefined>
  >;
  /** Resolves, saying why, once a child keeps dying and is no longer restarted. */
  readonly failed: Promise<string>;
  stop(): Promise<void>;
}

type Log = (line: string) => void;
type Stopper = () => Promise<void>;

/** A child of the stack, and how to start another like it when it dies. */
interface Launched {
  readonly name: string;
  readonly child: SupervisedChild;
  readonly start: () => Promise<SupervisedChild>;
}

const READY_TIMEOUT_MS = 120_000;

/**
 * The whole system on one machine: Temporal dev server and SMTP sink (unless TEMPORAL_ADDRESS /
 * SMTP_URL point elsewhere), migrated database, worker and API. A child that dies during start-up
 * fails the start; once the API is ready, each child that dies is restarted with backoff.
 * Everything started is stopped by `stop()`, in reverse order.
 */
export async function startDevStack(
  raw: RawEnv,
  log: Log,
  interrupted: AbortSignal,
): Promise<DevStack> {
  const env = parseEnv(raw);
  const ownTemporal = !raw['TEMPORAL_ADDRESS'];
  const ownSink = !raw['SMTP_URL'];
  const temporalPort = parsePort(raw, 'TEMPORAL_PORT', 7233);
  const uiPort = parsePort(raw, 'TEMPORAL_UI_PORT', 8233);
  const sinkPort = parsePort(raw, 'SMTP_SINK_PORT', 1025);
  const claims: PortClaim[] = [{ port: env.port, purpose: 'the Duban API (set PORT to move it)' }];
  if (ownTemporal) {
    claims.push(
      {
        port: temporalPort,
        purpose:
          'the Temporal dev server (set TEMPORAL_PORT, or TEMPORAL_ADDRESS to use a running server)',
      },
      { port: uiPort, purpose: 'the Temporal Web UI (set TEMPORAL_UI_PORT to move it)' },
    );
  }
  if (ownSink) {
    claims.push({
      port: sinkPort,
      purpose: 'the SMTP sink (set SMTP_SINK_PORT, or SMTP_URL to use a real mail server)',
    });
  }
  await assertPortsFree(claims);

  const stoppers: Stopper[] = [];
  const launched: Launched[] = [];
  let supervisors: Supervisor[] = [];
  const stop = async () => {
    // All at once first: a child that goes down while an earlier one is stopping stays down.
    supervisors.forEach((supervisor) => supervisor.stopRestarting());
    for (const stopper of stoppers.splice(0).reverse()) await stopper().catch(() => undefined);
  };
  const launch = async <T extends SupervisedChild>(name: string, start: () => Promise<T>) => {
    const child = await start();
    launched.push({ name, child, start });
    stoppers.push(() => child.stop());
    if (child.pid) log(`${name} started (pid ${child.pid})`);
    return child;
  };
  /** Between steps: a Ctrl-C during start-up stops what has started so far. */
  const checkpoint = () => interrupted.throwIfAborted();
  try {
    let temporalAddress = env.temporalAddress;
    if (ownTemporal) {
      const executable = await ensureTemporalCli(log, raw, interrupted);
      checkpoint();
      log(
        `starting Temporal dev server on 127.0.0.1:${temporalPort} (state in ${path.join(env.dataDir, 'temporal.db')})…`,
      );
      const temporal = await launch('temporal dev server', () =>
        startTemporalDevServer({
          executable,
          namespace: env.temporalNamespace,
          port: temporalPort,
          uiPort,
          dbFile: path.join(env.dataDir, 'temporal.db'),
        }),
      );
      temporalAddress = temporal.address;
      checkpoint();
    }
    let smtpUrl = env.smtpUrl;
    const mailDir = path.join(env.dataDir, 'mail');
    if (ownSink) {
      const sink = await launch('smtp sink', () => startSmtpSink({ port: sinkPort, mailDir, log }));
      smtpUrl = `smtp://127.0.0.1:${sink.port}`;
      log(`SMTP sink on ${smtpUrl}, messages kept in ${mailDir}`);
    }
    // Only the embedded database gets demo data; a configured one is somebody's real data.
    const embedded = !raw['DATABASE_URL'];
    const dataSource = await openDataSource(env.database);
    let demo: DemoAccount[] = [];
    try {
      await migrateDatabase(dataSource, log);
      if (embedded) demo = await ensureDemoAccounts(dataSource, env.dataDir);
    } finally {
      await dataSource.destroy();
    }
    if (demo.length) demoAccountLines(demo, env.dataDir).forEach((line) => log(line));
    checkpoint();
    const childEnv = {
      ...raw,
      TEMPORAL_ADDRESS: temporalAddress,
      SMTP_URL: smtpUrl,
      ...(ownSink && { MAIL_SINK_DIR: mailDir }),
      DATA_DIR: env.dataDir,
      JWT_SECRET: env.security.jwtSecret ?? devJwtSecret(env.dataDir),
    };
    const startApp = (name: string, entry: string) =>
      launch(name, () => Promise.resolve(startNodeProcess(name, entry, childEnv, log)));
    await startApp('worker', 'apps/worker/src/main.ts');
    await startApp('api', 'apps/api/src/main.ts');
    const notReady = new AbortController();
    for (const { name, child } of launched) {
      void child.exited.then((exit) =>
        notReady.abort(new Error(`${name} ${describeExit(exit)} before it was ready`)),
      );
    }
    const api = `http://localhost:${env.port}/api`;
    await waitForHttpOk(`http://127.0.0.1:${env.port}/api/health`, {
      timeoutMs: READY_TIMEOUT_MS,
      signal: AbortSignal.any([interrupted, notReady.signal]),
    });
    supervisors = launched.map(({ name, child, start }) => supervise(child, { name, start, log }));
    stoppers.splice(0, stoppers.length, ...supervisors.map((supervisor) => supervisor.stop));
    const supervisor = demo.find((account) => account.roles.includes('supervisor'));
    const sample = supervisor
      ? await importSamplePlan(`http://127.0.0.1:${env.port}/api`, supervisor)
      : undefined;
    if (sample) log(`sample plan: ${sample.summary}`);
    return {
      urls: {
        api,
        docs: `${api}/docs`,
        health: `${api}/health`,
        temporalUi: ownTemporal ? `http://localhost:${uiPort}` : undefined,
        samplePlan: sample && `${api}/plans/${sample.id}`,
      },
      failed: Promise.race(supervisors.map((supervisor) => supervisor.gaveUp)),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
