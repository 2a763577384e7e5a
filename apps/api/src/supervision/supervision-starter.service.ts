import { Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { statutoryCalendarData } from '@duban/calendar';
import {
  PLAN_WORKFLOW_TYPE,
  TaskQueue,
  planWorkflowId,
  type WorkItemInput,
} from '@duban/contracts';
import {
  DEFAULT_ESCALATION_POLICY,
  DomainException,
  DomainExceptionCode,
  WorkingCalendar,
  calendarYears,
  initialWorkItemState,
  type CalendarWarning,
} from '@duban/domain';
import type { StoredPlan } from '@duban/persistence';

export interface SupervisionStart {
  readonly workflowId: string;
  readonly items: number;
  /** Set when the plan year is outside the statutory calendar's data. */
  readonly calendarWarning: CalendarWarning | null;
}

/**
 * Starts a confirmed plan's supervision: one plan workflow under a fixed id, which starts the
 * item workflows. Starting again (a second confirm, a retry after Temporal was down) is a no-op.
 */
@Injectable()
export class SupervisionStarter {
  private readonly logger = new Logger(SupervisionStarter.name);
  private readonly calendar = statutoryCalendarData();

  constructor(private readonly temporal: Client) {}

  async start(plan: StoredPlan): Promise<SupervisionStart> {
    const items = plan.sections.flatMap((section) => section.items);
    assertUniqueNumbers(items.map((item) => item.no));
    const calendar = calendarYears(this.calendar, [plan.year, plan.year + 1]);
    const calendarWarning = new WorkingCalendar(calendar).warningFor(plan.year);
    if (calendarWarning) this.logger.warn(calendarWarning.messageEn);
    const startedAt = new Date().toISOString();
    const inputs: WorkItemInput[] = items.map((item) => ({
      state: initialWorkItemState(
        plan.id,
        plan.year,
        {
          id: item.id,
          no: item.no,
          title: item.title,
          due: item.due,
          targetQuantities: item.targets.map((target) => target.quantity),
          responsibility: item.responsibility,
        },
        plan.escalationPolicy ?? DEFAULT_ESCALATION_POLICY,
        startedAt,
      ),
      calendar,
    }));
    const workflowId = planWorkflowId(plan.id);
    try {
      await this.temporal.workflow.start(PLAN_WORKFLOW_TYPE, {
        taskQueue: TaskQueue.supervision,
        workflowId,
        args: [{ planId: plan.id, items: inputs }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    return { workflowId, items: items.length, calendarWarning };
  }
}

function assertUniqueNumbers(numbers: readonly number[]): void {
  const repeated = numbers.filter((no, i) => numbers.indexOf(no) !== i);
  if (repeated.length > 0) {
    throw new DomainException(
      DomainExceptionCode.Conflict,
      `事项编号重复（${[...new Set(repeated)].join('、')}），请先在草稿中改正再确认`,
      { messageEn: `item numbers repeat (${repeated.join(', ')}); correct the draft first` },
    );
  }
}
