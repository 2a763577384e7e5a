import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DubanConfig } from '@duban/config';
import { TaskQueue } from '@duban/contracts';
import { createActivities } from './activities';
import { bundlerOptions, ensureNotificationWorkflows, workflowsPath } from '@duban/worker-kit';

/**
 * Runs the Temporal worker for as long as the Nest application context lives, and drains it
 * (finishing activities in flight) when the context shuts down.
 */
@Injectable()
export class TemporalWorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerHost.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    private readonly config: DubanConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { temporalAddress, temporalNamespace } = this.config.env;
    this.connection = await NativeConnection.connect({ address: temporalAddress });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: temporalNamespace,
      taskQueue: TaskQueue.supervision,
      workflowsPath,
      bundlerOptions,
      activities: createActivities(this.moduleRef),
    });
    this.running = this.worker.run();
    await ensureNotificationWorkflows(
      new Client({ connection: this.connection, namespace: temporalNamespace }),
      this.config.env.notify.morning,
    );
    this.running.catch((error: unknown) => {
      this.logger.error(`worker stopped: ${String(error)}`);
      process.exitCode = 1;
    });
    this.logger.log(
      `polling task queue ${TaskQueue.supervision} on ${temporalAddress} (namespace ${temporalNamespace})`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
