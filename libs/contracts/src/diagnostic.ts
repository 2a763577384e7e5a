/**
 * The diagnostic round trip: API → Temporal → worker → database → API. It proves the wiring of a
 * deployment without touching business data.
 */
export interface DiagnosticInput {
  readonly requestId: string;
  readonly note: string;
}

export interface DiagnosticProbeRecord {
  readonly id: string;
  readonly requestId: string;
  readonly note: string;
  readonly workflowId: string;
  readonly recordedAt: string;
}

export interface DiagnosticResult {
  readonly workflowId: string;
  readonly probe: DiagnosticProbeRecord;
}

export interface DiagnosticActivities {
  recordDiagnosticProbe(
    input: DiagnosticInput & { workflowId: string },
  ): Promise<DiagnosticProbeRecord>;
}

export type DiagnosticWorkflow = (input: DiagnosticInput) => Promise<DiagnosticResult>;

/** Stable workflow type name; it is stored in histories, so never rename it. */
export const DIAGNOSTIC_WORKFLOW_TYPE = 'diagnosticWorkflow';

export function diagnosticWorkflowId(requestId: string): string {
  return `diagnostic/${requestId}`;
}
