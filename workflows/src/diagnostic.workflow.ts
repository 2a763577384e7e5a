import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import {
  NonRetryableFailureType,
  type DiagnosticActivities,
  type DiagnosticWorkflow,
} from '@duban/contracts';

const { recordDiagnosticProbe } = proxyActivities<DiagnosticActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumAttempts: 5,
    nonRetryableErrorTypes: [NonRetryableFailureType.InvalidInput],
  },
});

export const diagnosticWorkflow: DiagnosticWorkflow = async (input) => {
  const { workflowId } = workflowInfo();
  const probe = await recordDiagnosticProbe({ ...input, workflowId });
  return { workflowId, probe };
};
