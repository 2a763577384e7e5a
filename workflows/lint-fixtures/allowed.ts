// Must pass the boundary rules: what workflow code may import.
import { proxyActivities } from '@temporalio/workflow';
import { TaskQueue } from '@duban/contracts';
import { assertUnreachable } from '@duban/domain';

export const allowed = [proxyActivities, TaskQueue, assertUnreachable];
