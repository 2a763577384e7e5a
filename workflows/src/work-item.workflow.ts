import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
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
  isLate,
  lateSteps,
  ladderRuns,
  nextStep,
  requesterOf,
  stepId,
  warningFrom,
  type CatchUpStep,
  type CommandDecision,
  type CommandType,
  type DueStep,
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

/** Who is told of an assignment: the people of the lead unit and of every co-unit. */
const ASSIGNED: RecipientRole[] = ['responsible', 'unit_head', 'co_unit_head'];

/** Who hears of a command, and as what kind of notice. */
const COMMAND_NOTICES: Partial<Record<CommandType, [NotificationKind, RecipientRole[]]>> = {
  assign: ['assignment', ASSIGNED],
  submitProgress: ['approval_request', ['leader']],
  // Whoever submitted or asked hears of the decision too (the requester, resolved by the activity).
  returnMilestone: ['returned', ['responsible']],
  approveMilestone: ['approved', ['responsible']],
  requestExtension: ['extension_request', ['leader']],
  decideExtension: ['extension_decision', ['responsible']],
  complete: ['completed', ['leader', 'responsible', 'unit_head', 'co_unit_head']],
};

/**
 * Released changes to what the workflow does, by name (stored in histories: never rename).
 * - `ladder-guard`: a step whose ladder moved or stopped while it was being recorded says nothing.
 * - `catch-up`: steps long past their time are told once per milestone, as a catch-up.
 * - `complete-notice`: completing an item tells its leader and its units.
 * - `assign-notice`: an item assigned at the start is told so, whatever a first command changed.
 * - `command-bounds`: commands are held to the input bounds (keys, the plan year, extensions).
 */
const PATCH_LADDER_GUARD = 'ladder-guard';
const PATCH_CATCH_UP = 'catch-up';
const PATCH_COMPLETE_NOTICE = 'complete-notice';
const PATCH_ASSIGN_NOTICE = 'assign-notice';
const PATCH_COMMAND_BOUNDS = 'command-bounds';

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
    ladder: {
      urgingNotice?: boolean;
      catchUp?: boolean;
      dueAt?: string;
      requesters?: readonly string[];
    } = {},
  ) =>
    emitNotification({
      // A ladder's steps are keyed by its deadline too: a moved deadline is a new ladder, whose
      // steps must reach the people the old one already reached.
      key: `${workflowInfo().workflowId}/${milestoneKey ?? '-'}/${step}${ladder.dueAt ? `/${ladder.dueAt}` : ''}`,
      kind,
      workflowId: workflowInfo().workflowId,
      planId: state.planId,
      itemId: state.itemId,
      milestoneKey,
      step,
      recipients,
      ...(ladder.requesters?.length && { requesters: ladder.requesters }),
      responsibility: state.responsibility,
      urgingNotice: ladder.urgingNotice ?? false,
      ...(ladder.catchUp && { catchUp: true }),
      at: nowIso(),
    });

  setHandler(workItemStateQuery, () => state);
  setHandler(
    workItemCommandUpdate,
    async ({ actor, command }: WorkItemRequest) => {
      // The validator accepted it, but an earlier Update may have changed the state since.
      // A command accepted before the input bounds existed does again what it did then.
      const rules = { bounds: patched(PATCH_COMMAND_BOUNDS) };
      const decision = accepted(decideCommand(state, actor, command, nowIso(), rules));
      const requester = requesterOf(state, command);
      state = decision.state;
      changes += 1;
      const notice = COMMAND_NOTICES[command.type];
      const eventSeq = seq + 1;
      await project(decision.event);
      if (notice && (command.type !== 'complete' || patched(PATCH_COMPLETE_NOTICE)))
        await notify(
          notice[0],
          `${command.type}${eventSeq}`,
          decision.event.milestoneKey,
          notice[1],
          { requesters: requester === null ? [] : [requester] },
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
    // Assigned at the start: a command handled while the start is recorded (a quick 签收) must
    // not make the assignment go untold.
    const assigned = state.status === 'assigned';
    await project(null);
    if (patched(PATCH_ASSIGN_NOTICE) ? assigned : state.status === 'assigned')
      await notify('assignment', 'assign0', null, ASSIGNED);
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
    if (next && isLate(next, Date.now()) && patched(PATCH_CATCH_UP)) {
      for (const late of lateSteps(state, calendar, Date.now())) await catchUp(late);
    } else if (next) await fire(next);
  }
  await condition(allHandlersFinished);
  return state;

  async function fire({ milestoneKey, dueAt, step }: DueStep): Promise<void> {
    const id = stepId(step.kind, step.step, state.policy.version);
    markFired(milestoneKey, [id], step.light);
    // A reminder that comes due after its deadline has passed (an item started late) says nothing.
    const moot = step.kind === 'reminder' && Date.now() >= Date.parse(dueAt);
    await recordStep(milestoneKey, id, step.recipients);
    if (moot || !stillRuns(milestoneKey, dueAt)) return;
    await notify(step.kind, id, milestoneKey, step.recipients, {
      urgingNotice: step.urgingNotice,
      dueAt,
    });
  }

  /** Late steps of one milestone: all recorded as fired, the last one told to all they named. */
  async function catchUp({ milestoneKey, dueAt, steps, recipients, urgingNotice }: CatchUpStep) {
    // Worked out before the earlier milestones' catch-ups were recorded: a command handled since
    // may have moved this deadline, and the steps would then belong to a ladder that is gone.
    if (!ladderStands(milestoneKey, dueAt)) return;
    const ids = steps.map((s) => stepId(s.kind, s.step, state.policy.version));
    const last = steps[steps.length - 1];
    const lastId = ids[ids.length - 1];
    if (!last || !lastId) return;
    const light = steps.reduce<DueStep['step']['light']>((l, s) => s.light ?? l, null);
    markFired(milestoneKey, ids, light);
    await recordStep(milestoneKey, lastId, recipients, ids);
    if (last.kind === 'reminder' && Date.now() >= Date.parse(dueAt)) return;
    if (!stillRuns(milestoneKey, dueAt)) return;
    await notify(last.kind, lastId, milestoneKey, recipients, {
      urgingNotice,
      catchUp: true,
      dueAt,
    });
  }

  function markFired(
    milestoneKey: string,
    ids: readonly string[],
    light: DueStep['step']['light'],
  ) {
    state = {
      ...state,
      milestones: state.milestones.map((m) =>
        m.key === milestoneKey
          ? { ...m, firedSteps: [...m.firedSteps, ...ids], escalation: light ?? m.escalation }
          : m,
      ),
    };
  }

  function recordStep(
    milestoneKey: string,
    step: string,
    recipients: readonly RecipientRole[],
    caughtUp?: readonly string[],
  ) {
    return project({
      type: 'stepFired',
      at: nowIso(),
      actorId: null,
      milestoneKey,
      detail: { step, recipients, ...(caughtUp && { caughtUp }) },
    });
  }

  /**
   * Whether the ladder a step belongs to still stands: a command handled while the step was
   * being recorded may have moved the deadline (a new ladder) or stopped it (a submission).
   */
  function stillRuns(milestoneKey: string, dueAt: string): boolean {
    return !patched(PATCH_LADDER_GUARD) || ladderStands(milestoneKey, dueAt);
  }

  function ladderStands(milestoneKey: string, dueAt: string): boolean {
    const milestone = state.milestones.find((m) => m.key === milestoneKey);
    return !!milestone && milestone.dueAt === dueAt && ladderRuns(state, milestone);
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
