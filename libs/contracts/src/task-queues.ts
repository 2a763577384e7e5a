/** Task queue names are part of the deployment contract: workers and clients must agree. */
export const TaskQueue = {
  supervision: 'duban-supervision',
} as const;

export type TaskQueueName = (typeof TaskQueue)[keyof typeof TaskQueue];
