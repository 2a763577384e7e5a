import { decideItemAccess, responsibilityProblem, type ItemAction } from '../access/item-access';
import { hasPermission } from '../access/permissions';
import type { Actor } from '../access/roles';
import type { EscalationPolicy } from './escalation-policy';
import {
  MILESTONE_KEY,
  MILESTONE_KEY_RULE,
  MILESTONES_MAX,
  dueWindow,
  finalMilestone,
} from './milestones';
import {
  pendingMilestone,
  type Evidence,
  type ItemStatus,
  type Milestone,
  type TargetProgress,
  type WorkItemResponsibility,
  type WorkItemState,
} from './work-item';

/** Everything a person can ask of a work item; each one is a workflow Update. */
export type WorkItemCommand =
  | ({ readonly type: 'assign' } & WorkItemResponsibility)
  | { readonly type: 'acknowledge' }
  | {
      readonly type: 'setMilestones';
      readonly milestones: readonly { key: string; title: string; dueAt: string }[];
    }
  | {
      readonly type: 'submitProgress';
      readonly milestoneKey: string;
      readonly text: string;
      readonly progress: readonly TargetProgress[];
      readonly evidence: readonly Evidence[];
    }
  | { readonly type: 'approveMilestone'; readonly milestoneKey: string; readonly comment: string }
  | { readonly type: 'returnMilestone'; readonly milestoneKey: string; readonly comment: string }
  | {
      readonly type: 'requestExtension';
      readonly milestoneKey: string;
      readonly dueAt: string;
      readonly reason: string;
    }
  | {
      readonly type: 'decideExtension';
      readonly milestoneKey: string;
      readonly approve: boolean;
      readonly comment: string;
    }
  | { readonly type: 'complete' }
  | { readonly type: 'setPolicy'; readonly policy: EscalationPolicy }
  | { readonly type: 'reopen'; readonly reason: string }
  | { readonly type: 'cancel'; readonly reason: string };

export type CommandType = WorkItemCommand['type'];

/** What happened, for the timeline and the audit trail. */
export interface WorkItemEvent {
  readonly type: CommandType;
  readonly at: string;
  readonly actorId: string;
  readonly milestoneKey: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Why a command is refused: not allowed, not now (the state forbids it), or bad input. */
export type RefusalCode = 'FORBIDDEN' | 'CONFLICT' | 'INVALID_INPUT';

export type CommandDecision =
  | { readonly ok: true; readonly state: WorkItemState; readonly event: WorkItemEvent }
  | {
      readonly ok: false;
      readonly code: RefusalCode;
      readonly reason: string;
      readonly reasonEn: string;
      /** The input at fault, for INVALID_INPUT (`milestones[2].dueAt`). */
      readonly field?: string;
    };

/** How long a command's texts and lists may be (the API's documentation states them too). */
export const COMMAND_LIMITS = { text: 5000, comment: 1000, title: 100, evidence: 50 } as const;
const {
  text: TEXT_MAX,
  comment: COMMENT_MAX,
  title: TITLE_MAX,
  evidence: EVIDENCE_MAX,
} = COMMAND_LIMITS;
const SHA256 = /^[0-9a-f]{64}$/;
const EVIDENCE_ID = /^[0-9a-f-]{36}$/;

/** Which check each command needs: the item-level rule, or managing plans (督查室). */
const NEEDS: Readonly<Record<CommandType, ItemAction | 'manage'>> = {
  assign: 'manage',
  setMilestones: 'manage',
  setPolicy: 'manage',
  reopen: 'manage',
  cancel: 'manage',
  acknowledge: 'act',
  submitProgress: 'act',
  requestExtension: 'act',
  approveMilestone: 'approve',
  returnMilestone: 'approve',
  decideExtension: 'approve',
  complete: 'approve',
};

export const COMMAND_TYPES = Object.keys(NEEDS) as readonly CommandType[];

class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly reason: string,
    readonly reasonEn: string,
    readonly field?: string,
  ) {
    super(reasonEn);
  }
}

/** Bad input, in the named field. */
function refuse(field: string, reason: string, reasonEn: string): never {
  throw new Refusal('INVALID_INPUT', reason, reasonEn, field);
}

/** The item's state does not allow it now. */
function conflict(reason: string, reasonEn: string): never {
  throw new Refusal('CONFLICT', reason, reasonEn);
}

function forbid(reason: string, reasonEn: string): never {
  throw new Refusal('FORBIDDEN', reason, reasonEn);
}

const STATUS_LABEL: Readonly<Record<ItemStatus, string>> = {
  draft: '草稿',
  assigned: '已交办',
  acknowledged: '已签收',
  in_progress: '办理中',
  completed: '已办结',
  cancelled: '已撤销',
};

function requireStatus(state: WorkItemState, allowed: readonly ItemStatus[]): void {
  if (!allowed.includes(state.status)) {
    conflict(
      `事项当前为“${STATUS_LABEL[state.status]}”，不能执行此操作`,
      `not possible while the item is ${state.status}`,
    );
  }
}

function authorize(state: WorkItemState, actor: Actor, type: CommandType): void {
  const need = NEEDS[type];
  if (need === 'manage') {
    if (!hasPermission(actor, 'plan:manage')) {
      forbid('只有督查室可以执行此操作', 'only the supervision office may do this');
    }
    return;
  }
  const decision = decideItemAccess(actor, state.responsibility, need);
  if (!decision.allowed) forbid(decision.reason, decision.reasonEn);
}

function text(
  field: string,
  value: string,
  max: number,
  what: string,
  whatEn: string,
  required = true,
): string {
  const trimmed = value.trim();
  if (required && trimmed === '') refuse(field, `${what}不能为空`, `${whatEn} must not be empty`);
  if (trimmed.length > max)
    refuse(field, `${what}不能超过 ${max} 个字符`, `${whatEn} must be at most ${max} characters`);
  return trimmed;
}

/**
 * Which rules an input is held to. `bounds`: the limits added after release (milestone keys'
 * pattern and number, deadlines within the plan year and its grace, a non-final milestone not
 * extended past the final one). A workflow replaying a command it accepted before them passes
 * `false`, so the command does again what it did then.
 */
export interface InputRules {
  readonly bounds: boolean;
}

const CURRENT_RULES: InputRules = { bounds: true };

/** A deadline: an ISO-8601 instant, within the plan year and its grace (dueWindow). */
function dueAtIn(state: WorkItemState, field: string, value: string, rules: InputRules): string {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) {
    refuse(field, `${field}不是有效的时间`, `${field} is not an ISO-8601 instant`);
  }
  const dueAt = new Date(ms).toISOString();
  const window = dueWindow(state);
  if (rules.bounds && (dueAt < window.from || dueAt > window.until)) {
    refuse(
      field,
      `截止时间须在 ${window.firstDay} 至 ${window.lastDay} 之间（计划年度及次年宽限期）`,
      `the deadline must fall between ${window.firstDay} and ${window.lastDay} (the plan year and its grace period)`,
    );
  }
  return dueAt;
}

function milestoneOf(state: WorkItemState, key: string): Milestone {
  return (
    state.milestones.find((m) => m.key === key) ??
    refuse('milestoneKey', `没有里程碑“${key}”`, `no milestone "${key}"`)
  );
}

function withMilestone(
  state: WorkItemState,
  key: string,
  change: (m: Milestone) => Milestone,
): WorkItemState {
  return { ...state, milestones: state.milestones.map((m) => (m.key === key ? change(m) : m)) };
}

function requireMilestoneStatus(
  m: Milestone,
  allowed: readonly Milestone['status'][],
  what: string,
  whatEn: string,
): void {
  if (!allowed.includes(m.status))
    conflict(
      `里程碑“${m.title}”当前不能${what}`,
      `milestone ${m.key} cannot be ${whatEn} now (${m.status})`,
    );
}

const OPEN: readonly ItemStatus[] = ['assigned', 'acknowledged', 'in_progress'];

type Apply = (
  state: WorkItemState,
  actor: Actor,
  now: string,
) => { state: WorkItemState; milestoneKey?: string; detail?: Record<string, unknown> };

function apply(command: WorkItemCommand, rules: InputRules): Apply {
  switch (command.type) {
    case 'assign':
      return (state) => {
        requireStatus(state, ['draft', ...OPEN]);
        const { type: _type, ...responsibility } = command;
        if (responsibility.leadUnitId === null)
          refuse('leadUnitId', '必须指定牵头单位', 'a lead unit is required');
        const problem = responsibilityProblem(responsibility);
        if (problem) refuse(problem.field, problem.message, problem.messageEn);
        // A new lead unit has to acknowledge the item itself.
        const sameLead = responsibility.leadUnitId === state.responsibility.leadUnitId;
        const status = state.status === 'draft' || !sameLead ? 'assigned' : state.status;
        return { state: { ...state, status, responsibility }, detail: { ...responsibility } };
      };
    case 'acknowledge':
      return (state) => {
        requireStatus(state, ['assigned']);
        return { state: { ...state, status: 'acknowledged' } };
      };
    case 'setMilestones':
      return (state) => {
        requireStatus(state, ['draft', ...OPEN]);
        if (command.milestones.length === 0)
          refuse('milestones', '至少需要一个里程碑', 'at least one milestone is needed');
        if (rules.bounds && command.milestones.length > MILESTONES_MAX)
          refuse(
            'milestones',
            `里程碑不能超过 ${MILESTONES_MAX} 个`,
            `at most ${MILESTONES_MAX} milestones`,
          );
        command.milestones.forEach((m, i) => {
          const field = `milestones[${i}].key`;
          if (rules.bounds && !MILESTONE_KEY.test(m.key))
            refuse(
              field,
              `里程碑标识${MILESTONE_KEY_RULE.message}`,
              `a milestone key ${MILESTONE_KEY_RULE.messageEn}`,
            );
          if (command.milestones.findIndex((other) => other.key === m.key) !== i)
            refuse(field, '里程碑标识重复', 'duplicate milestone keys');
        });
        const milestones = command.milestones.map((m, i): Milestone => {
          const existing = state.milestones.find((e) => e.key === m.key);
          const dueAt = dueAtIn(state, `milestones[${i}].dueAt`, m.dueAt, rules);
          const title = text(
            `milestones[${i}].title`,
            m.title,
            TITLE_MAX,
            '里程碑名称',
            'milestone title',
          );
          if (existing?.status === 'approved') return { ...existing, title };
          const moved = existing?.dueAt !== dueAt;
          return existing
            ? { ...existing, title, dueAt, ...(moved && { firedSteps: [], escalation: null }) }
            : pendingMilestone(m.key, title, dueAt);
        });
        return { state: { ...state, milestones }, detail: { milestones: command.milestones } };
      };
    case 'submitProgress':
      return (state, actor, now) => {
        requireStatus(state, ['acknowledged', 'in_progress']);
        const milestone = milestoneOf(state, command.milestoneKey);
        requireMilestoneStatus(milestone, ['pending', 'returned'], '报送', 'submitted');
        const body = text('text', command.text, TEXT_MAX, '进展说明', 'progress text');
        command.progress.forEach((p, i) => {
          if (
            !Number.isInteger(p.target) ||
            p.target < 0 ||
            p.target >= state.targetQuantities.length
          ) {
            refuse(
              `progress[${i}].target`,
              `没有第 ${p.target + 1} 项量化指标`,
              `no target ${p.target}`,
            );
          }
          if (!Number.isFinite(p.value) || p.value < 0)
            refuse(
              `progress[${i}].value`,
              '指标进度必须是不小于 0 的数',
              'progress must be a number ≥ 0',
            );
        });
        if (command.evidence.length > EVIDENCE_MAX)
          refuse(
            'evidence',
            `佐证材料不能超过 ${EVIDENCE_MAX} 份`,
            `at most ${EVIDENCE_MAX} evidence files`,
          );
        command.evidence.forEach((e, i) => {
          if (!EVIDENCE_ID.test(e.id) || !SHA256.test(e.sha256))
            refuse(`evidence[${i}]`, '佐证材料标识无效', 'invalid evidence reference');
        });
        const submission = {
          at: now,
          by: actor.userId,
          text: body,
          progress: command.progress,
          evidence: command.evidence,
        };
        return {
          state: withMilestone({ ...state, status: 'in_progress' }, milestone.key, (m) => ({
            ...m,
            status: 'submitted',
            submissions: [...m.submissions, submission],
          })),
          milestoneKey: milestone.key,
          detail: { text: body, progress: command.progress, evidence: command.evidence },
        };
      };
    case 'approveMilestone':
    case 'returnMilestone':
      return (state) => {
        const approve = command.type === 'approveMilestone';
        requireStatus(state, ['in_progress']);
        const milestone = milestoneOf(state, command.milestoneKey);
        requireMilestoneStatus(
          milestone,
          ['submitted'],
          approve ? '审核' : '退回',
          approve ? 'approved' : 'returned',
        );
        const comment = text(
          'comment',
          command.comment,
          COMMENT_MAX,
          '退回意见',
          'a return comment',
          !approve,
        );
        return {
          state: withMilestone(state, milestone.key, (m) => ({
            ...m,
            status: approve ? 'approved' : 'returned',
          })),
          milestoneKey: milestone.key,
          detail: { comment },
        };
      };
    case 'requestExtension':
      return (state, actor, now) => {
        requireStatus(state, OPEN);
        const milestone = milestoneOf(state, command.milestoneKey);
        requireMilestoneStatus(
          milestone,
          ['pending', 'returned', 'submitted'],
          '申请延期',
          'extended',
        );
        if (milestone.extension)
          conflict('已有待审批的延期申请', 'an extension request is already pending');
        const dueAt = dueAtIn(state, 'dueAt', command.dueAt, rules);
        if (Date.parse(dueAt) <= Date.parse(milestone.dueAt))
          refuse('dueAt', '新的截止时间必须晚于原截止时间', 'the new deadline must be later');
        const final = finalMilestone(state.milestones);
        if (rules.bounds && final && final.key !== milestone.key && dueAt > final.dueAt)
          refuse(
            'dueAt',
            `不能延期到事项最终截止时间（里程碑“${final.title}”）之后`,
            `only the final milestone (${final.key}) may be extended past the item's deadline`,
          );
        const reason = text('reason', command.reason, COMMENT_MAX, '延期理由', 'a reason');
        return {
          state: withMilestone(state, milestone.key, (m) => ({
            ...m,
            extension: { at: now, by: actor.userId, dueAt, reason },
          })),
          milestoneKey: milestone.key,
          detail: { dueAt, reason },
        };
      };
    case 'decideExtension':
      return (state) => {
        requireStatus(state, OPEN);
        const milestone = milestoneOf(state, command.milestoneKey);
        const request =
          milestone.extension ??
          conflict('没有待审批的延期申请', 'no extension request is pending');
        const comment = text(
          'comment',
          command.comment,
          COMMENT_MAX,
          '审批意见',
          'a comment',
          !command.approve,
        );
        return {
          state: withMilestone(state, milestone.key, (m) =>
            command.approve
              ? { ...m, dueAt: request.dueAt, extension: null, firedSteps: [], escalation: null }
              : { ...m, extension: null },
          ),
          milestoneKey: milestone.key,
          detail: { approve: command.approve, dueAt: request.dueAt, comment },
        };
      };
    case 'setPolicy':
      return (state, _actor, now) => {
        requireStatus(state, ['draft', ...OPEN]);
        if (command.policy.version <= state.policy.version) {
          refuse(
            'version',
            `策略版本必须高于当前的 v${state.policy.version}`,
            `the policy version must be above the current v${state.policy.version}`,
          );
        }
        return {
          state: { ...state, policy: command.policy, policySince: now },
          detail: { version: command.policy.version, previousVersion: state.policy.version },
        };
      };
    case 'complete':
      return (state) => {
        requireStatus(state, ['in_progress']);
        if (state.milestones.some((m) => m.status !== 'approved')) {
          conflict('还有未审核通过的里程碑，不能办结', 'every milestone must be approved first');
        }
        return { state: { ...state, status: 'completed' } };
      };
    case 'reopen':
      return (state) => {
        requireStatus(state, ['completed']);
        const reason = text('reason', command.reason, COMMENT_MAX, '重新打开的理由', 'a reason');
        return { state: { ...state, status: 'in_progress' }, detail: { reason } };
      };
    case 'cancel':
      return (state) => {
        requireStatus(state, ['draft', ...OPEN]);
        const reason = text('reason', command.reason, COMMENT_MAX, '撤销理由', 'a reason');
        return { state: { ...state, status: 'cancelled' }, detail: { reason } };
      };
  }
}

/**
 * The one rule for every command on a work item: who may, in which state, with what input. The
 * workflow runs it in the Update validator (refusing changes nothing) and again in the handler.
 */
export function decideCommand(
  state: WorkItemState,
  actor: Actor,
  command: WorkItemCommand,
  now: string,
  rules: InputRules = CURRENT_RULES,
): CommandDecision {
  try {
    authorize(state, actor, command.type);
    const result = apply(command, rules)(state, actor, now);
    return {
      ok: true,
      state: result.state,
      event: {
        type: command.type,
        at: now,
        actorId: actor.userId,
        milestoneKey: result.milestoneKey ?? null,
        detail: result.detail ?? {},
      },
    };
  } catch (error) {
    if (error instanceof Refusal) {
      const { code, reason, reasonEn, field } = error;
      return { ok: false, code, reason, reasonEn, ...(field !== undefined && { field }) };
    }
    throw error;
  }
}
