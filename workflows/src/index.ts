export { diagnosticWorkflow } from './diagnostic.workflow';
export { planWorkflow } from './plan.workflow';
export { workItemWorkflow } from './work-item.workflow';
