export { diagnosticWorkflow } from './diagnostic.workflow';
