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
  confirmPreview,
  initialWorkItemState,
  type CalendarWarning,
  type ConfirmPreview,
  type PastDueChoice,
} from '@duban/domain';
import { OrgRepository, type StoredPlan } from '@duban/persistence';

export interface SupervisionStart {
  readonly workflowId: string;
  readonly items: number;
  /** Set when the plan year is outside the statutory calendar's data. */
  readonly calendarWarning: CalendarWarning | null;
  /** What starting set off, as the preview told it. */
  readonly preview: ConfirmPreview;
}

/**
 * Starts a confirmed plan's supervision: one plan workflow under a fixed id, which starts the
 * item workflows. Starting again (a second confirm, a retry after Temporal was down) is a no-op.
 */
@Injectable()
export class SupervisionStarter {
  private readonly logger = new Logger(SupervisionStarter.name);
  private readonly calendar = statutoryCalendarData();

  constructor(
    private readonly temporal: Client,
    private readonly org: OrgRepository,
  ) {}

  /** What starting the plan's supervision now would send, by the workflows' own rules. */
  async preview(plan: StoredPlan): Promise<ConfirmPreview> {
    const now = new Date();
    const { inputs, calendar } = this.inputs(plan, now.toISOString(), 'notify');
    const [units, people] = await Promise.all([this.org.listUnits(), this.org.listPeople()]);
    return confirmPreview(
      inputs.map((input) => input.state),
      new WorkingCalendar(calendar),
      { units, people },
      now.getTime(),
    );
  }

  async start(plan: StoredPlan, pastDue: PastDueChoice): Promise<SupervisionStart> {
    const preview = await this.preview(plan);
    const { inputs, calendar } = this.inputs(plan, new Date().toISOString(), pastDue);
    const calendarWarning = new WorkingCalendar(calendar).warningFor(plan.year);
    if (calendarWarning) this.logger.warn(calendarWarning.messageEn);
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
    return { workflowId, items: inputs.length, calendarWarning, preview };
  }

  /** Each item's workflow input; with `skip`, ladder steps already past are never told. */
  private inputs(plan: StoredPlan, startedAt: string, pastDue: PastDueChoice) {
    const items = plan.sections.flatMap((section) => section.items);
    assertUniqueNumbers(items.map((item) => item.no));
    const calendar = calendarYears(this.calendar, [plan.year, plan.year + 1]);
    const inputs: WorkItemInput[] = items.map((item) => {
      const state = initialWorkItemState(
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
      );
      return { state: pastDue === 'skip' ? { ...state, policySince: startedAt } : state, calendar };
    });
    return { inputs, calendar };
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
