import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  COMMAND_REFUSED,
  workItemCommandUpdate,
  workItemStateQuery,
  type NotificationKind,
  type StepEvent,
  type SupervisionActivities,
  type WorkItemInput,
  type WorkItemRequest,
} from '@duban/contracts';
import {
  WorkingCalendar,
  decideCommand,
  ladderFor,
  ladderRuns,
  stepId,
  warningFrom,
  type CommandDecision,
  type CommandType,
  type LadderStep,
  type RecipientRole,
  type WorkItemEvent,
  type WorkItemState,
} from '@duban/domain';

const { emitNotification, projectWorkItem } = proxyActivities<SupervisionActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Well below Temporal's limits, so a year of supervision never grows one history too far. */
const HISTORY_LIMIT = 2000;

/** Who hears of a command, and as what kind of notice. */
const COMMAND_NOTICES: Partial<Record<CommandType, [NotificationKind, RecipientRole[]]>> = {
  assign: ['assignment', ['responsible', 'unit_head']],
  submitProgress: ['approval_request', ['leader']],
  returnMilestone: ['returned', ['responsible']],
  approveMilestone: ['approved', ['responsible']],
  requestExtension: ['extension_request', ['leader']],
  decideExtension: ['extension_decision', ['responsible']],
};

interface DueStep {
  readonly milestoneKey: string;
  readonly dueAt: string;
  readonly step: LadderStep;
}

const nowIso = () => new Date(Date.now()).toISOString();

/**
 * One work item for the whole year: commands arrive as Updates (validated before they are
 * accepted, so a refused one leaves no trace in the history), and every milestone's reminders
 * and escalations wait as durable timers until submission or approval stops them.
 */
export async function workItemWorkflow(input: WorkItemInput): Promise<WorkItemState> {
  const calendar = new WorkingCalendar(input.calendar);
  let state = input.state;
  let seq = input.seq ?? 0;
  let changes = 0;

  const project = (event: WorkItemEvent | StepEvent | null) => {
    seq += 1;
    const warnings = Object.fromEntries(
      state.milestones.map((m) => [m.key, warningFrom(m.dueAt, state.policy, calendar)]),
    );
    return projectWorkItem({
      workflowId: workflowInfo().workflowId,
      seq,
      state,
      event,
      warningFrom: warnings,
    });
  };

  const notify = (
    kind: NotificationKind,
    step: string,
    milestoneKey: string | null,
    recipients: readonly RecipientRole[],
    urgingNotice = false,
  ) =>
    emitNotification({
      key: `${workflowInfo().workflowId}/${milestoneKey ?? '-'}/${step}`,
      kind,
      workflowId: workflowInfo().workflowId,
      planId: state.planId,
      itemId: state.itemId,
      milestoneKey,
      step,
      recipients,
      responsibility: state.responsibility,
      urgingNotice,
      at: nowIso(),
    });

  setHandler(workItemStateQuery, () => state);
  setHandler(
    workItemCommandUpdate,
    async ({ actor, command }: WorkItemRequest) => {
      // The validator accepted it, but an earlier Update may have changed the state since.
      const decision = accepted(decideCommand(state, actor, command, nowIso()));
      state = decision.state;
      changes += 1;
      const notice = COMMAND_NOTICES[command.type];
      const eventSeq = seq + 1;
      await project(decision.event);
      if (notice)
        await notify(
          notice[0],
          `${command.type}${eventSeq}`,
          decision.event.milestoneKey,
          notice[1],
        );
      return state;
    },
    {
      validator: ({ actor, command }: WorkItemRequest) => {
        accepted(decideCommand(state, actor, command, nowIso()));
      },
    },
  );

  if (seq === 0) {
    await project(null);
    if (state.status === 'assigned')
      await notify('assignment', 'assign0', null, ['responsible', 'unit_head']);
  }

  while (state.status !== 'cancelled') {
    const limit = input.historyLimit ?? HISTORY_LIMIT;
    if (workflowInfo().historyLength > limit || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof workItemWorkflow>({ ...input, state, seq });
    }
    const seen = changes;
    const next = nextStep(state, calendar);
    const waitMs = next ? Date.parse(next.step.at) - Date.now() : undefined;
    if (waitMs === undefined || waitMs > 0) {
      // Woken early by any change: the ladder may have stopped or moved.
      const changed = () => changes !== seen;
      await (waitMs === undefined ? condition(changed) : condition(changed, waitMs));
      continue;
    }
    if (next) await fire(next);
  }
  await condition(allHandlersFinished);
  return state;

  async function fire({ milestoneKey, dueAt, step }: DueStep): Promise<void> {
    const id = stepId(step.kind, step.step, state.policy.version);
    state = {
      ...state,
      milestones: state.milestones.map((m) =>
        m.key === milestoneKey
          ? { ...m, firedSteps: [...m.firedSteps, id], escalation: step.light ?? m.escalation }
          : m,
      ),
    };
    // A reminder that comes due after its deadline has passed (an item started late) says nothing.
    const moot = step.kind === 'reminder' && Date.now() >= Date.parse(dueAt);
    await project({
      type: 'stepFired',
      at: nowIso(),
      actorId: null,
      milestoneKey,
      detail: { step: id, recipients: step.recipients },
    });
    if (!moot) await notify(step.kind, id, milestoneKey, step.recipients, step.urgingNotice);
  }
}

/** The decision if the command is accepted; a refusal fails the Update with its reasons. */
function accepted(decision: CommandDecision): Extract<CommandDecision, { ok: true }> {
  if (decision.ok) return decision;
  throw ApplicationFailure.create({
    type: COMMAND_REFUSED,
    message: decision.reason,
    details: [decision],
    nonRetryable: true,
  });
}

/**
 * The earliest ladder step not yet fired, over every milestone whose ladder still runs; under an
 * overridden policy, steps that fell due before the override are skipped.
 */
function nextStep(state: WorkItemState, calendar: WorkingCalendar): DueStep | undefined {
  const since = state.policySince === null ? -Infinity : Date.parse(state.policySince);
  let earliest: DueStep | undefined;
  for (const milestone of state.milestones) {
    if (!ladderRuns(state, milestone)) continue;
    const step = ladderFor(milestone.dueAt, state.policy, calendar).find(
      (s) =>
        Date.parse(s.at) >= since &&
        !milestone.firedSteps.includes(stepId(s.kind, s.step, state.policy.version)),
    );
    if (step && (!earliest || Date.parse(step.at) < Date.parse(earliest.step.at))) {
      earliest = { milestoneKey: milestone.key, dueAt: milestone.dueAt, step };
    }
  }
  return earliest;
}
