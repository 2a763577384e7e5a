import { DomainException, DomainExceptionCode } from '../domain.exception';
import { readEscalationPolicy } from './escalation-policy';
import { MILESTONE_KEY, MILESTONE_KEY_RULE } from './milestones';
import type { WorkItemCommand } from './work-item-commands';

type Input = Readonly<Record<string, unknown>>;

function invalid(field: string, message: string, messageEn: string): DomainException {
  return new DomainException(DomainExceptionCode.InvalidInput, `${field}：${message}`, {
    field,
    messageEn: `${field}: ${messageEn}`,
  });
}

/** `path` names the field in errors when it sits inside a list. */
const str = (input: Input, field: string, path = field): string => {
  const value = input[field];
  if (typeof value !== 'string') throw invalid(path, '必须是文本', 'must be text');
  return value;
};
/** Checked here too, so a refusal never repeats a 10,000-character key back. */
const milestoneKey = (input: Input, field: string, path = field): string => {
  const value = str(input, field, path);
  if (!MILESTONE_KEY.test(value))
    throw invalid(path, MILESTONE_KEY_RULE.message, MILESTONE_KEY_RULE.messageEn);
  return value;
};
const optionalStr = (input: Input, field: string): string =>
  input[field] === undefined ? '' : str(input, field);
const nullableId = (input: Input, field: string): string | null => {
  const value = input[field];
  if (value === null) return null;
  return str(input, field);
};
const list = (input: Input, field: string): unknown[] => {
  const value = input[field] ?? [];
  if (!Array.isArray(value)) throw invalid(field, '必须是列表', 'must be a list');
  return value;
};
const objects = (input: Input, field: string): Input[] =>
  list(input, field).map((value, i) => {
    if (typeof value !== 'object' || value === null) {
      throw invalid(`${field}[${i}]`, '必须是对象', 'must be an object');
    }
    return value as Input;
  });
const numberAt = (input: Input, field: string, path: string): number => {
  const value = input[field];
  if (typeof value !== 'number') throw invalid(path, '必须是数字', 'must be a number');
  return value;
};

/**
 * A command as the API receives it (`{ type, …fields }`), checked for shape: the work item's
 * own rule (decideCommand) judges the content.
 */
export function readWorkItemCommand(body: unknown): WorkItemCommand {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('body', '必须是对象 { type, … }', 'must be an object { type, … }');
  }
  const input = body as Input;
  const type = input['type'];
  switch (type) {
    case 'assign':
      return {
        type,
        leadUnitId: nullableId(input, 'leadUnitId'),
        coUnitIds: list(input, 'coUnitIds').map((id, i) => str({ id }, 'id', `coUnitIds[${i}]`)),
        leaderId: nullableId(input, 'leaderId'),
        responsibleId: nullableId(input, 'responsibleId'),
      };
    case 'acknowledge':
    case 'complete':
      return { type };
    case 'setMilestones':
      return {
        type,
        milestones: objects(input, 'milestones').map((m, i) => ({
          key: milestoneKey(m, 'key', `milestones[${i}].key`),
          title: optionalStr(m, 'title') || `里程碑 ${i + 1}`,
          dueAt: str(m, 'dueAt', `milestones[${i}].dueAt`),
        })),
      };
    case 'submitProgress':
      return {
        type,
        milestoneKey: milestoneKey(input, 'milestoneKey'),
        text: str(input, 'text'),
        progress: objects(input, 'progress').map((p, i) => ({
          target: numberAt(p, 'target', `progress[${i}].target`),
          value: numberAt(p, 'value', `progress[${i}].value`),
        })),
        evidence: objects(input, 'evidence').map((e, i) => ({
          id: str(e, 'id', `evidence[${i}].id`),
          sha256: str(e, 'sha256', `evidence[${i}].sha256`),
        })),
      };
    case 'approveMilestone':
    case 'returnMilestone':
      return {
        type,
        milestoneKey: milestoneKey(input, 'milestoneKey'),
        comment: optionalStr(input, 'comment'),
      };
    case 'requestExtension':
      return {
        type,
        milestoneKey: milestoneKey(input, 'milestoneKey'),
        dueAt: str(input, 'dueAt'),
        reason: str(input, 'reason'),
      };
    case 'decideExtension': {
      const approve = input['approve'];
      if (typeof approve !== 'boolean')
        throw invalid('approve', '必须是 true 或 false', 'must be true or false');
      return {
        type,
        milestoneKey: milestoneKey(input, 'milestoneKey'),
        approve,
        comment: optionalStr(input, 'comment'),
      };
    }
    case 'setPolicy':
      return { type, policy: readEscalationPolicy(input['policy']) };
    case 'reopen':
    case 'cancel':
      return { type, reason: str(input, 'reason') };
    default:
      throw invalid('type', '不是已知的操作', 'is not a known command');
  }
}
