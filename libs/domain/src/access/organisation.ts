import { DomainException, DomainExceptionCode } from '../domain.exception';
import { isRole, type Role } from './roles';

export const UNIT_KINDS = [
  'leadership',
  'department',
  'township',
  'subdistrict',
  'affiliated',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** How a person wants notices: each as it comes, one digest each working morning, or both. */
export const DELIVERY_MODES = ['immediate', 'digest', 'both'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const CHAT_WEBHOOK_KINDS = ['wecom', 'dingtalk'] as const;
export type ChatWebhookKind = (typeof CHAT_WEBHOOK_KINDS)[number];

/** A unit's group-chat robot (企业微信 / 钉钉); DingTalk robots may sign with a secret. */
export interface ChatWebhookSpec {
  readonly kind: ChatWebhookKind;
  readonly url: string;
  readonly secret: string | null;
}

/** A unit as an organisation file or an API call describes it; `code` is its stable key. */
export interface UnitSpec {
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  /** Username of the unit head. */
  readonly head: string | null;
  readonly chatWebhook: ChatWebhookSpec | null;
}

/** A person as an organisation file or an API call describes it; `username` is the login name. */
export interface PersonSpec {
  readonly username: string;
  readonly name: string;
  /** Code of the person's unit. */
  readonly unit: string | null;
  readonly email: string;
  readonly mobile: string | null;
  readonly roles: readonly Role[];
  /** Codes of the units a leader is in charge of (分管). */
  readonly charge: readonly string[];
  readonly locale: Locale;
  readonly delivery: DeliveryMode;
}

export interface Organisation {
  readonly units: readonly UnitSpec[];
  readonly people: readonly PersonSpec[];
}

/** Unit codes and usernames: stable ASCII keys that survive renames. */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const EMAIL_PATTERN = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
/** Mainland mobile numbers, or a landline with area code (some township heads have only one). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

function invalid(field: string, message: string, messageEn: string): DomainException {
  return new DomainException(DomainExceptionCode.InvalidInput, `${field}：${message}`, {
    field,
    messageEn: `${field}: ${messageEn}`,
  });
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(field, '必须是非空文本', 'must be non-empty text');
  }
  const trimmed = value.trim();
  if (trimmed.length > max) {
    throw invalid(field, `不能超过 ${max} 个字符`, `must be at most ${max} characters`);
  }
  return trimmed;
}

function optionalText(value: unknown, field: string, max: number): string | null {
  return value === undefined || value === null || value === '' ? null : text(value, field, max);
}

function matching(value: string, pattern: RegExp, field: string, what: string, whatEn: string) {
  if (!pattern.test(value)) throw invalid(field, `不是有效的${what}`, `is not a valid ${whatEn}`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw invalid(field, `必须是 ${allowed.join('、')} 之一`, `must be one of ${allowed.join(', ')}`);
}

function list(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(field, '必须是列表', 'must be a list');
  return value;
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field, '必须是对象', 'must be an object');
  }
  return value as Record<string, unknown>;
}

function readChatWebhook(value: unknown, field: string): ChatWebhookSpec | null {
  if (value === undefined || value === null) return null;
  const raw = record(value, field);
  const url = text(raw.url, `${field}.url`, 500);
  if (!/^https?:\/\/[^\s/?#]+[^\s]*$/.test(url)) {
    throw invalid(`${field}.url`, '必须是 http(s) 地址', 'must be an http(s) URL');
  }
  return {
    kind: oneOf(raw.kind, CHAT_WEBHOOK_KINDS, `${field}.kind`),
    url,
    secret: optionalText(raw.secret, `${field}.secret`, 200),
  };
}

export function readUnitSpec(value: unknown, field = 'unit'): UnitSpec {
  const raw = record(value, field);
  return {
    code: matching(
      text(raw.code, `${field}.code`, 64),
      CODE_PATTERN,
      `${field}.code`,
      '代码（小写字母、数字、-、_）',
      'code (lower-case letters, digits, - and _)',
    ),
    name: text(raw.name, `${field}.name`, 100),
    kind: oneOf(raw.kind ?? 'department', UNIT_KINDS, `${field}.kind`),
    head: optionalText(raw.head, `${field}.head`, 64),
    chatWebhook: readChatWebhook(raw.chatWebhook, `${field}.chatWebhook`),
  };
}

export function readPersonSpec(value: unknown, field = 'person'): PersonSpec {
  const raw = record(value, field);
  const roles = list(raw.roles, `${field}.roles`).map((role, i) => {
    if (!isRole(role)) throw invalid(`${field}.roles[${i}]`, '不是已知角色', 'is not a known role');
    return role;
  });
  if (roles.length === 0)
    throw invalid(`${field}.roles`, '至少需要一个角色', 'needs at least one role');
  const mobile = optionalText(raw.mobile, `${field}.mobile`, 20);
  return {
    username: matching(
      text(raw.username, `${field}.username`, 64),
      CODE_PATTERN,
      `${field}.username`,
      '用户名（小写字母、数字、-、_）',
      'username (lower-case letters, digits, - and _)',
    ),
    name: text(raw.name, `${field}.name`, 50),
    unit: optionalText(raw.unit, `${field}.unit`, 64),
    email: matching(
      text(raw.email, `${field}.email`, 254),
      EMAIL_PATTERN,
      `${field}.email`,
      '电子邮箱',
      'e-mail address',
    ),
    mobile:
      mobile === null
        ? null
        : matching(mobile, PHONE_PATTERN, `${field}.mobile`, '电话号码', 'phone number'),
    roles: [...new Set(roles)],
    charge: [
      ...new Set(
        list(raw.charge, `${field}.charge`).map((c, i) => text(c, `${field}.charge[${i}]`, 64)),
      ),
    ],
    locale: oneOf(raw.locale ?? 'zh-CN', LOCALES, `${field}.locale`),
    delivery: oneOf(raw.delivery ?? 'both', DELIVERY_MODES, `${field}.delivery`),
  };
}

function assertUnique<T>(
  items: readonly T[],
  key: (item: T) => string,
  field: string,
  what: string,
) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k))
      throw invalid(`${field}[${i}]`, `${what}“${k}”重复`, `duplicate ${what} "${k}"`);
    seen.add(k);
  });
}

/**
 * Reads a whole organisation file and checks that it holds together: every reference (a person's
 * unit, a unit's head, a leader's units) names something in the same file.
 */
export function readOrganisation(data: unknown): Organisation {
  const raw = record(data, 'organisation');
  const units = list(raw.units, 'units').map((u, i) => readUnitSpec(u, `units[${i}]`));
  const rawPeople = list(raw.people, 'people');
  const people = rawPeople.map((p, i) => readPersonSpec(p, `people[${i}]`));
  assertUnique(units, (u) => u.code, 'units', '单位代码');
  assertUnique(units, (u) => u.name, 'units', '单位名称');
  assertUnique(people, (p) => p.username, 'people', '用户名');
  const unitCodes = new Set(units.map((u) => u.code));
  people.forEach((person, i) => {
    if (person.unit !== null && !unitCodes.has(person.unit)) {
      throw invalid(
        `people[${i}].unit`,
        `单位“${person.unit}”不在文件中`,
        `unit "${person.unit}" is not in the file`,
      );
    }
    // The file's list, not person.charge: that one has repeats dropped, so its positions can be
    // off. readPersonSpec has checked it is a list of non-empty text.
    (list(record(rawPeople[i], 'person').charge, 'charge') as string[]).forEach((entry, j) => {
      const code = entry.trim();
      if (!unitCodes.has(code)) {
        throw invalid(
          `people[${i}].charge[${j}]`,
          `单位“${code}”不在文件中`,
          `unit "${code}" is not in the file`,
        );
      }
    });
  });
  units.forEach((unit, i) => {
    if (unit.head === null) return;
    const head = people.find((p) => p.username === unit.head);
    if (!head || head.unit !== unit.code) {
      throw invalid(
        `units[${i}].head`,
        `“${unit.head}”不是本单位人员`,
        `"${unit.head}" is not a member of the unit`,
      );
    }
  });
  return { units, people };
}
