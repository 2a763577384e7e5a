import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
// What @temporalio/testing registers its namespaces with: a 64-bit protobuf duration.
import { msToTs } from '@temporalio/common/lib/time';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DubanConfig } from '@duban/config';
import { TaskQueue } from '@duban/contracts';
import {
  bundlerOptions,
  createMailTransport,
  createNotificationActivities,
  createNotificationDeps,
  createSupervisionActivities,
  workflowsPath,
} from '@duban/worker-kit';
import type { TestApi } from './test-api';

const NAMESPACE_READY_MS = 30_000;

/**
 * A Temporal namespace of the test file's own. Test files run side by side on one dev server:
 * in a shared namespace, one file's worker would run another file's workflows against its own
 * database, and other files rely on there being no worker at all.
 */
export async function createTestNamespace(): Promise<string> {
  const namespace = `duban-test-${randomUUID().slice(0, 8)}`;
  const connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS'] });
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs('1 day'),
    });
    const deadline = Date.now() + NAMESPACE_READY_MS;
    for (;;) {
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return namespace;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    await connection.close();
  }
}

export interface TestWorker {
  close(): Promise<void>;
}

/**
 * The worker as `duban start` runs it (workflows, supervision and notification activities), in
 * this process, on the test API's namespace and database, sending mail to its SMTP sink.
 */
export async function startTestWorker(api: TestApi): Promise<TestWorker> {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Installed already by an earlier test file in this Jest worker: its logger stays.
  }
  const { env } = api.app.get(DubanConfig);
  const deps = createNotificationDeps(api.dataSource, env, createMailTransport(env));
  const connection = await NativeConnection.connect({ address: env.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: env.temporalNamespace,
    taskQueue: TaskQueue.supervision,
    workflowsPath,
    bundlerOptions,
    activities: { ...createSupervisionActivities(deps), ...createNotificationActivities(deps) },
  });
  const running = worker.run();
  return {
    async close() {
      worker.shutdown();
      await running;
      await connection.close();
      deps.mail.close();
    },
  };
}
