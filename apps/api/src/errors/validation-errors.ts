import type { ValidationError } from 'class-validator';
import { DomainException, DomainExceptionCode } from '@duban/domain';
import { isChinese } from './api-error';

interface Rule {
  /** The zh-CN phrase after “字段 x”, from class-validator's English message (which alone carries the rule's numbers and values). */
  readonly zh: (english: string) => string;
  /** The English phrase after the field, for a rule whose message a DTO replaced with Chinese. */
  readonly en: string;
}

const lastNumber = (english: string) => english.match(/-?\d+(?:\.\d+)?/g)?.at(-1) ?? '';

const RULES: Readonly<Record<string, Rule>> = {
  whitelistValidation: { zh: () => '不允许出现', en: 'should not exist' },
  isString: { zh: () => '必须是字符串', en: 'must be a string' },
  isInt: { zh: () => '必须是整数', en: 'must be an integer' },
  isNumber: { zh: () => '必须是数字', en: 'must be a number' },
  isBoolean: { zh: () => '必须是 true 或 false', en: 'must be true or false' },
  isArray: { zh: () => '必须是数组', en: 'must be an array' },
  isObject: { zh: () => '必须是对象', en: 'must be an object' },
  nestedValidation: { zh: () => '必须是对象或数组', en: 'must be an object or an array' },
  isUuid: { zh: () => '必须是 UUID', en: 'must be a UUID' },
  isUrl: { zh: () => '必须是网址', en: 'must be a URL' },
  matches: { zh: () => '格式不正确', en: 'is not in the expected format' },
  isIn: {
    zh: (english) => `必须是以下之一：${english.split('following values: ')[1] ?? ''}`,
    en: 'must be one of the allowed values',
  },
  min: { zh: (english) => `不能小于 ${lastNumber(english)}`, en: 'is too small' },
  max: { zh: (english) => `不能大于 ${lastNumber(english)}`, en: 'is too large' },
  isLength: {
    zh: (english) =>
      english.includes('longer')
        ? lastNumber(english) === '1'
          ? '不能为空'
          : `不能少于 ${lastNumber(english)} 个字符`
        : `不能超过 ${lastNumber(english)} 个字符`,
    en: 'has the wrong length',
  },
  maxLength: { zh: (english) => `不能超过 ${lastNumber(english)} 个字符`, en: 'is too long' },
  arrayMinSize: { zh: (english) => `至少需要 ${lastNumber(english)} 项`, en: 'has too few items' },
  arrayMaxSize: { zh: (english) => `不能超过 ${lastNumber(english)} 项`, en: 'has too many items' },
};

/** A value of the wrong type fails its other rules too; the type is what the caller must fix first. */
const TYPE_RULES = [
  'whitelistValidation',
  'nestedValidation',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
];

interface Failure {
  readonly field: string;
  readonly property: string;
  readonly rule: string;
  readonly given: string;
}

/** Paths as the domain writes them: `targets[0].quantity`. */
function pathOf(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/** The first rule broken, depth first, with the path of the field. */
function firstFailure(errors: readonly ValidationError[], parent = ''): Failure | null {
  for (const error of errors) {
    const field = pathOf(parent, error.property);
    const constraints = Object.entries(error.constraints ?? {});
    constraints.sort(([a], [b]) => Number(TYPE_RULES.includes(b)) - Number(TYPE_RULES.includes(a)));
    const [broken] = constraints;
    if (broken) return { field, property: error.property, rule: broken[0], given: broken[1] };
    const nested = firstFailure(error.children ?? [], field);
    if (nested) return nested;
  }
  return null;
}

/**
 * The zh-CN and English sentences for a field that breaks a rule; `given` is class-validator's
 * message, which names the property without its parents.
 */
export function describeRule(
  field: string,
  rule: string,
  given = '',
  property = field,
): { message: string; messageEn: string } {
  const known = RULES[rule];
  const english = `${field} ${known?.en ?? 'is invalid'}`;
  if (isChinese(given)) return { message: given, messageEn: english };
  return {
    message: `字段 ${field} ${known?.zh(given) ?? '不合法'}`,
    messageEn: given ? given.replace(property, field) : english,
  };
}

/**
 * class-validator's findings as the API's one error: a 400 naming the first field at fault, in
 * zh-CN and English (its own messages are English only, and arrays of them).
 */
export function validationException(errors: readonly ValidationError[]): DomainException {
  const failure = firstFailure(errors);
  if (!failure) {
    return new DomainException(DomainExceptionCode.InvalidInput, '请求内容不合法', {
      messageEn: 'the request is invalid',
    });
  }
  const { field, rule, given, property } = failure;
  const { message, messageEn } = describeRule(field, rule, given, property);
  return new DomainException(DomainExceptionCode.InvalidInput, message, { field, messageEn });
}
