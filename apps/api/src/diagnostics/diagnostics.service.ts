import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import {
  DIAGNOSTIC_WORKFLOW_TYPE,
  TaskQueue,
  diagnosticWorkflowId,
  type DiagnosticProbeRecord,
  type DiagnosticResult,
  type DiagnosticWorkflow,
} from '@duban/contracts';
import { DomainException, DomainExceptionCode, normalizeDiagnosticNote } from '@duban/domain';
import { DiagnosticProbeRepository } from '@duban/persistence';

@Injectable()
export class DiagnosticsService {
  constructor(
    private readonly temporal: Client,
    private readonly probes: DiagnosticProbeRepository,
  ) {}

  /** Runs the round trip through Temporal and the worker, and waits for its result. */
  async run(note: unknown): Promise<DiagnosticResult> {
    const requestId = randomUUID();
    return this.temporal.workflow.execute<DiagnosticWorkflow>(DIAGNOSTIC_WORKFLOW_TYPE, {
      taskQueue: TaskQueue.supervision,
      workflowId: diagnosticWorkflowId(requestId),
      args: [{ requestId, note: normalizeDiagnosticNote(note) }],
      // Without a worker the request would hang; a bounded run turns that into an error.
      workflowExecutionTimeout: '30 seconds',
    });
  }

  async find(requestId: string): Promise<DiagnosticProbeRecord> {
    const probe = await this.probes.findByRequestId(requestId);
    if (!probe) {
      throw new DomainException(DomainExceptionCode.NotFound, `诊断记录 ${requestId} 不存在`);
    }
    return probe;
  }
}
