import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { parseEnv } from '@duban/config';
import { PLAN_WORKFLOW_TYPE, type WorkItemInput } from '@duban/contracts';
import { ensureTemporalCli, startTemporalDevServer } from '@duban/devstack';
import {
  DEFAULT_ESCALATION_POLICY,
  WEEKDAYS_ONLY,
  pendingMilestone,
  type EscalationPolicy,
} from '@duban/domain';
import { migrateDatabase, openDataSource, importSampleOrganisation } from '@duban/persistence';
import { createTestDatabase } from '@duban/testing';
import {
  bundlerOptions,
  createMailTransport,
  createNotificationDeps,
  createSupervisionActivities,
} from '@duban/worker-kit';

/**
 * Starting and supervising ITEMS work-item workflows (through a plan workflow, as a confirm
 * does), against a no-op parent and children of the same shape on the same server in the same
 * run: starts per second, and how late the first reminder fires (p50/p99) when all come due at
 * once. Both reported as ratios to the no-op baseline.
 */
const ITEMS = Number(process.env['BENCH_ITEMS'] ?? 1000);
const TASK_QUEUE = 'duban-bench';
const root = path.resolve(__dirname, '../..');
const log = (line: string) => process.stdout.write(`${line}\n`);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Gives up when nothing moves for this long: a stuck run must end, not hang. */
const STALL_MS = 180_000;

async function waitFor(what: string, count: () => Promise<number> | number, total: number) {
  let logged = -1;
  let seen = -1;
  let progressAt = Date.now();
  for (;;) {
    const done = await count();
    if (done !== seen) {
      seen = done;
      progressAt = Date.now();
    } else if (Date.now() - progressAt > STALL_MS) {
      throw new Error(`${what}: stuck at ${done}/${total} for ${STALL_MS / 1000} s`);
    }
    if (done !== logged && (done === total || done - logged >= total / 4)) {
      log(`  ${what}: ${done}/${total}`);
      logged = done;
    }
    if (done >= total) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Far enough ahead for every start to be done before the timers fire. */
const fireAtAfterStarts = () => new Date(Date.now() + 20_000 + ITEMS * 25).toISOString();

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const server = await startTemporalDevServer({
    executable: await ensureTemporalCli(log),
    namespace: 'duban',
  });
  const database = await createTestDatabase('duban_bench_supervision');
  const env = parseEnv({ DATABASE_URL: database.url, QUIET_HOURS: 'none' });
  const dataSource = await openDataSource(env.database);
  const mail = createMailTransport(env);
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const connection = await Connection.connect({ address: server.address });
  try {
    await migrateDatabase(dataSource, () => undefined);
    const { org } = await importSampleOrganisation(dataSource);
    const notify = createNotificationDeps(dataSource, env, mail);
    const { supervision, notifications } = notify;
    const started = new Set<string>();
    const lags: number[] = [];
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: 'duban',
      taskQueue: TASK_QUEUE,
      workflowsPath: path.join(root, 'workflows/src/testing/bench-workflows.ts'),
      bundlerOptions,
      activities: {
        ...createSupervisionActivities(notify),
        async benchTimerFired(id: string, scheduledAt: string) {
          if (!started.has(id)) started.add(id);
          else lags.push(Date.now() - Date.parse(scheduledAt));
        },
      },
    });
    const running = worker.run();
    const client = new Client({ connection, namespace: 'duban' });
    log(`bundled; ${ITEMS} workflows per phase`);

    log('baseline: no-op parent starting no-op children');
    const noopFireAt = fireAtAfterStarts();
    let t0 = performance.now();
    await client.workflow.start('noopParentWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: 'bench/noop',
      args: ['bench/noop', ITEMS, noopFireAt],
    });
    await waitFor('started', () => started.size, ITEMS);
    const noopStartsPerSecond = ITEMS / ((performance.now() - t0) / 1000);
    await waitFor('timers fired', () => lags.length, ITEMS);
    const noopLags = [...lags];

    log('supervision: plan workflow starting work-item workflows');
    const planId = '00000000-0000-4000-8000-00000000b3c4';
    const reminderAt = fireAtAfterStarts();
    const policy: EscalationPolicy = {
      ...DEFAULT_ESCALATION_POLICY,
      reminders: [{ before: { duration: 'PT600S' } }],
      escalations: [],
      warningWindow: { duration: 'PT600S' },
    };
    const units = await org.listUnits();
    const people = await org.listPeople();
    const unitId = units.find((u) => u.name === '养老服务科')?.id ?? null;
    const responsibleId =
      people.find((p) => p.unitId === unitId && p.roles.includes('staff'))?.id ?? null;
    const items: WorkItemInput[] = Array.from({ length: ITEMS }, (_, i) => ({
      calendar: WEEKDAYS_ONLY,
      state: {
        planId,
        itemId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
        itemNo: i + 1,
        title: `第${i + 1}项工作`,
        targetQuantities: [],
        status: 'assigned',
        responsibility: { leadUnitId: unitId, coUnitIds: [], leaderId: null, responsibleId },
        milestones: [
          pendingMilestone(
            'final',
            '完成',
            new Date(Date.parse(reminderAt) + 600_000).toISOString(),
          ),
        ],
        startedAt: new Date().toISOString(),
        policy,
        policySince: null,
      },
    }));
    t0 = performance.now();
    await client.workflow.start(PLAN_WORKFLOW_TYPE, {
      taskQueue: TASK_QUEUE,
      workflowId: `plan/${planId}`,
      args: [{ planId, items }],
    });
    await waitFor(
      'started (projected)',
      async () => (await supervision.items({ planId })).length,
      ITEMS,
    );
    const itemStartsPerSecond = ITEMS / ((performance.now() - t0) / 1000);
    const reminders = async () =>
      (await notifications.list()).filter(
        (row) => row.planId === planId && row.step === 'reminder0@v1',
      );
    await waitFor('reminders in the outbox', async () => (await reminders()).length, ITEMS);
    const itemLags = (await reminders()).map(
      (row) => Date.parse(row.createdAt) - Date.parse(reminderAt),
    );

    worker.shutdown();
    await running;
    const report = (
      name: string,
      item: number,
      noop: number,
      unit: string,
      better: 'higher' | 'lower',
    ) =>
      log(
        `${name.padEnd(22)} items ${item.toFixed(1).padStart(8)} ${unit}   no-op ${noop.toFixed(1).padStart(8)} ${unit}   ratio ${(item / noop).toFixed(2)} (${better} is better)`,
      );
    report('starts per second', itemStartsPerSecond, noopStartsPerSecond, '/s ', 'higher');
    report('reminder lag p50', percentile(itemLags, 50), percentile(noopLags, 50), 'ms', 'lower');
    report('reminder lag p99', percentile(itemLags, 99), percentile(noopLags, 99), 'ms', 'lower');
  } finally {
    await connection.close();
    await nativeConnection.close();
    mail.close();
    await dataSource.destroy();
    await database.drop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
