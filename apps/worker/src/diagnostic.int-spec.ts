import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import {
  DIAGNOSTIC_WORKFLOW_TYPE,
  NonRetryableFailureType,
  TaskQueue,
  diagnosticWorkflowId,
  type DiagnosticWorkflow,
} from '@duban/contracts';
import { DiagnosticProbeRepository, migrateDatabase } from '@duban/persistence';
import { WorkerModule } from './worker.module';

describe('worker on a real Temporal dev server and MariaDB', () => {
  let app: INestApplicationContext;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    // The failing-activity case is expected; keep the SDK's warnings about it out of the output.
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    app = await NestFactory.createApplicationContext(WorkerModule.forRoot(), { logger: ['error'] });
    await migrateDatabase(app.get(DataSource), () => undefined);
    await app.init();
    connection = await Connection.connect({ address: process.env['TEMPORAL_ADDRESS'] });
    client = new Client({ connection, namespace: process.env['TEMPORAL_NAMESPACE'] });
  });

  afterAll(async () => {
    await connection?.close();
    await app?.close();
  });

  function runDiagnostic(note: string) {
    const requestId = randomUUID();
    const workflowId = diagnosticWorkflowId(requestId);
    const result = client.workflow.execute<DiagnosticWorkflow>(DIAGNOSTIC_WORKFLOW_TYPE, {
      taskQueue: TaskQueue.supervision,
      workflowId,
      args: [{ requestId, note }],
    });
    return { requestId, workflowId, result };
  }

  it('runs the diagnostic workflow, whose activity writes the probe row through TypeORM', async () => {
    const { requestId, workflowId, result } = runDiagnostic('  部署自检  ');
    const { probe } = await result;
    expect(probe).toMatchObject({ requestId, workflowId, note: '部署自检' });
    expect(await app.get(DiagnosticProbeRepository).findByRequestId(requestId)).toEqual(probe);
  });

  it('fails a workflow with invalid input at once, without retrying the activity', async () => {
    const { workflowId, result } = runDiagnostic('长'.repeat(201));
    const error = (await result.catch((e: unknown) => e)) as WorkflowFailedError;
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const failure = error.cause?.cause;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect((failure as ApplicationFailure).type).toBe(NonRetryableFailureType.InvalidInput);
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const attempts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes);
    expect(attempts.map((e) => e.activityTaskStartedEventAttributes?.attempt)).toEqual([1]);
  });
});
