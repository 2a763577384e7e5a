import { ApplicationFailure } from '@temporalio/activity';
import { NonRetryableFailureType, type DiagnosticActivities } from '@duban/contracts';
import { DomainException, normalizeDiagnosticNote } from '@duban/domain';
import type { DiagnosticProbeRepository } from '@duban/persistence';

export interface DiagnosticActivityDeps {
  readonly probes: DiagnosticProbeRepository;
  readonly now: () => Date;
}

export function createDiagnosticActivities({
  probes,
  now,
}: DiagnosticActivityDeps): DiagnosticActivities {
  return {
    async recordDiagnosticProbe({ requestId, note, workflowId }) {
      try {
        return await probes.record(
          { requestId, note: normalizeDiagnosticNote(note), workflowId },
          now(),
        );
      } catch (error) {
        if (error instanceof DomainException) {
          throw ApplicationFailure.nonRetryable(
            error.message,
            NonRetryableFailureType.InvalidInput,
          );
        }
        throw error;
      }
    },
  };
}
