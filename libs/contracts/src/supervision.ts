import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  RecipientRole,
  WorkItemCommand,
  WorkItemEvent,
  WorkItemResponsibility,
  WorkItemState,
  WorkingCalendarData,
} from '@duban/domain';
import type { NoticeKind } from '@duban/notifications';

/** Stable workflow type names: they are stored in histories, so never rename them. */
export const PLAN_WORKFLOW_TYPE = 'planWorkflow';
export const WORK_ITEM_WORKFLOW_TYPE = 'workItemWorkflow';

export function planWorkflowId(planId: string): string {
  return `plan/${planId}`;
}

export function workItemWorkflowId(planId: string, itemNo: number): string {
  return `item/${planId}/${itemNo}`;
}

/** What a work item's workflow needs to run on its own for the whole year. */
export interface WorkItemInput {
  readonly state: WorkItemState;
  /** The statutory calendar of the plan year and the next (deadlines may run into it). */
  readonly calendar: WorkingCalendarData;
  /** Projection sequence reached, carried across continue-as-new. */
  readonly seq?: number;
  /** History length after which the workflow continues as new (default 2,000; tests go lower). */
  readonly historyLimit?: number;
}

export interface PlanWorkflowInput {
  readonly planId: string;
  readonly items: readonly WorkItemInput[];
}

/** A command as it reaches a work item: who asks travels with it, for the validator. */
export interface WorkItemRequest {
  readonly actor: Actor;
  readonly command: WorkItemCommand;
}

export const workItemCommandUpdate = defineUpdate<WorkItemState, [WorkItemRequest]>('command');
export const workItemStateQuery = defineQuery<WorkItemState>('state');

/** The failure type a refused command carries; its details say why, in both languages. */
export const COMMAND_REFUSED = 'CommandRefused';

/** The kinds a work item raises itself (the year-end notice comes from the closure). */
export type NotificationKind = Exclude<NoticeKind, 'year_end'>;

/** One notice to the outbox; recipients are roles, resolved to people by the activity. */
export interface NotificationRequest {
  /** Unique per notice; with each recipient, the outbox row's idempotency key. */
  readonly key: string;
  readonly kind: NotificationKind;
  readonly workflowId: string;
  readonly planId: string;
  readonly itemId: string;
  readonly milestoneKey: string | null;
  /** Ladder step (`reminder0@v1`, `escalation2@v1`) or the command with its sequence number. */
  readonly step: string;
  readonly recipients: readonly RecipientRole[];
  /** People told by name before the roles: who asked for what is being decided. */
  readonly requesters?: readonly string[];
  readonly responsibility: WorkItemResponsibility;
  readonly urgingNotice: boolean;
  /** Steps told late, together (a plan confirmed after its deadlines, an outage). */
  readonly catchUp?: boolean;
  readonly at: string;
}

/** A ladder step as the timeline records it. */
export interface StepEvent {
  readonly type: 'stepFired';
  readonly at: string;
  readonly actorId: null;
  readonly milestoneKey: string;
  readonly detail: {
    readonly step: string;
    readonly recipients: readonly RecipientRole[];
    /** Set when late steps were caught up together: every step this event stands for. */
    readonly caughtUp?: readonly string[];
  };
}

export interface WorkItemProjection {
  readonly workflowId: string;
  /** Increases with every change; the read model keeps only the newest. */
  readonly seq: number;
  readonly state: WorkItemState;
  readonly event: WorkItemEvent | StepEvent | null;
  /** When the light turns yellow ahead of each milestone, by key. */
  readonly warningFrom: Readonly<Record<string, string>>;
}

export interface SupervisionActivities {
  emitNotification(notice: NotificationRequest): Promise<void>;
  projectWorkItem(projection: WorkItemProjection): Promise<void>;
}
