import { DomainException, DomainExceptionCode } from '../domain.exception';
import { durationMs, type Offset } from './offsets';

/** Who a step reaches, resolved against the item's responsibility when it fires. */
export const RECIPIENT_ROLES = [
  'responsible',
  'unit_head',
  'co_unit_head',
  'leader',
  'principal_leader',
  'supervisor',
] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];

export type LadderLight = 'yellow' | 'red';

export interface ReminderRule {
  readonly before: Offset;
}

export interface EscalationRule {
  readonly after: Offset;
  readonly recipients: readonly RecipientRole[];
  readonly light: LadderLight;
  /** Whether this step issues an urging notice (催办单). */
  readonly urgingNotice: boolean;
}

/**
 * When to remind and whom to escalate to, as data: set per plan, overridable per item, and
 * versioned so a workflow can say which policy it followed.
 */
export interface EscalationPolicy {
  readonly version: number;
  /** Wall-clock time (China) at which working-day steps fire, `HH:MM`. */
  readonly notifyAt: string;
  readonly reminderRecipients: readonly RecipientRole[];
  readonly reminders: readonly ReminderRule[];
  readonly escalations: readonly EscalationRule[];
  /** Before the deadline, the light turns yellow from this far out. */
  readonly warningWindow: Offset;
}

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  version: 1,
  notifyAt: '09:00',
  reminderRecipients: ['responsible'],
  reminders: [7, 3, 1].map((workingDays) => ({ before: { workingDays } })),
  escalations: [
    {
      after: { workingDays: 0 },
      recipients: ['responsible', 'unit_head'],
      light: 'yellow',
      urgingNotice: false,
    },
    { after: { workingDays: 3 }, recipients: ['leader'], light: 'red', urgingNotice: false },
    {
      after: { workingDays: 7 },
      recipients: ['principal_leader', 'supervisor'],
      light: 'red',
      urgingNotice: true,
    },
  ],
  warningWindow: { workingDays: 7 },
};

type Input = Readonly<Record<string, unknown>>;

function invalid(field: string, message: string, messageEn: string): DomainException {
  return new DomainException(DomainExceptionCode.InvalidInput, `${field}：${message}`, {
    field,
    messageEn: `${field}: ${messageEn}`,
  });
}

function record(value: unknown, field: string): Input {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field, '必须是对象', 'must be an object');
  }
  return value as Input;
}

function list(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(field, '必须是列表', 'must be a list');
  return value;
}

const MAX_WORKING_DAYS = 250;

function readOffset(value: unknown, field: string): Offset {
  const raw = record(value, field);
  if (typeof raw['duration'] === 'string' && raw['workingDays'] === undefined) {
    try {
      durationMs(raw['duration']);
    } catch {
      throw invalid(`${field}.duration`, '不是有效的 ISO-8601 时长', 'is not an ISO-8601 duration');
    }
    return { duration: raw['duration'] };
  }
  const days = raw['workingDays'];
  if (
    typeof days === 'number' &&
    Number.isInteger(days) &&
    days >= 0 &&
    days <= MAX_WORKING_DAYS &&
    raw['duration'] === undefined
  ) {
    return { workingDays: days };
  }
  throw invalid(
    field,
    `须为 { workingDays: 0–${MAX_WORKING_DAYS} 的整数 } 或 { duration: "PT5S" } 之一`,
    `must be either { workingDays: an integer 0–${MAX_WORKING_DAYS} } or { duration: "PT5S" }`,
  );
}

function readRecipients(value: unknown, field: string): RecipientRole[] {
  const roles = list(value, field).map((role, i) => {
    if (!(RECIPIENT_ROLES as readonly unknown[]).includes(role)) {
      throw invalid(
        `${field}[${i}]`,
        `必须是 ${RECIPIENT_ROLES.join('、')} 之一`,
        `must be one of ${RECIPIENT_ROLES.join(', ')}`,
      );
    }
    return role as RecipientRole;
  });
  if (roles.length === 0)
    throw invalid(field, '至少需要一个接收人', 'needs at least one recipient');
  return roles;
}

/** Reads a policy given as data (API, plan settings), naming the first wrong field. */
export function readEscalationPolicy(value: unknown): EscalationPolicy {
  const raw = record(value, 'policy');
  const version = raw['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw invalid('version', '必须是正整数', 'must be a positive integer');
  }
  const notifyAt = raw['notifyAt'];
  if (typeof notifyAt !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(notifyAt)) {
    throw invalid('notifyAt', '必须是 HH:MM 格式的时间', 'must be a time HH:MM');
  }
  return {
    version,
    notifyAt,
    reminderRecipients: readRecipients(raw['reminderRecipients'], 'reminderRecipients'),
    reminders: list(raw['reminders'], 'reminders').map((r, i) => ({
      before: readOffset(record(r, `reminders[${i}]`)['before'], `reminders[${i}].before`),
    })),
    escalations: list(raw['escalations'], 'escalations').map((e, i) => {
      const rule = record(e, `escalations[${i}]`);
      const light = rule['light'];
      if (light !== 'yellow' && light !== 'red') {
        throw invalid(`escalations[${i}].light`, '必须是 yellow 或 red', 'must be yellow or red');
      }
      return {
        after: readOffset(rule['after'], `escalations[${i}].after`),
        recipients: readRecipients(rule['recipients'], `escalations[${i}].recipients`),
        light,
        urgingNotice: rule['urgingNotice'] === true,
      };
    }),
    warningWindow: readOffset(raw['warningWindow'], 'warningWindow'),
  };
}
