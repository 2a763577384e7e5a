export { diagnosticWorkflow } from './diagnostic.workflow';
export { planWorkflow } from './plan.workflow';
export { workItemWorkflow } from './work-item.workflow';
export { notificationDispatcherWorkflow } from './notification-dispatcher.workflow';
export { dailyDigestWorkflow } from './daily-digest.workflow';
