import { DomainException, DomainExceptionCode } from './domain.exception';

/**
 * A plan is imported as a draft that the supervisor reviews and corrects; confirming it freezes
 * it, because every item then becomes a year-long workflow that must not change under it.
 */
export type PlanStatus = 'draft' | 'confirmed';
export const PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'confirmed'];

export type TargetComparator = 'eq' | 'gte' | 'lte';
export const TARGET_COMPARATORS: readonly TargetComparator[] = ['eq', 'gte', 'lte'];

export const PLAN_TITLE_MAX_LENGTH = 200;
export const SUGGESTED_UNIT_MAX_LENGTH = 100;
export const TARGET_UNIT_MAX_LENGTH = 20;
export const TARGET_SUBJECT_MAX_LENGTH = 200;
export const TARGET_PER_MAX_LENGTH = 50;
export const TARGET_TEXT_MAX_LENGTH = 1000;
export const TARGETS_MAX_COUNT = 50;

/** What a supervisor may correct; the rest (body, tasks, references, lines) is the document's. */
export const EDITABLE_SECTION_FIELDS = ['title'] as const;
export const EDITABLE_ITEM_FIELDS = ['title', 'due', 'suggestedUnit'] as const;

export interface SectionEdit {
  readonly title: string;
}

export interface ItemEdit {
  readonly title?: string;
  /** YYYY-MM-DD */
  readonly due?: string;
  /** null clears the suggestion. */
  readonly suggestedUnit?: string | null;
}

/** A quantitative target of a work item, as the parser reads it and a supervisor corrects it. */
export interface PlanTarget {
  /** The clause the target was read from; empty for a target added by hand. */
  readonly text: string;
  readonly quantity: number;
  readonly unit: string;
  readonly comparator: TargetComparator;
  /** What is counted, e.g. 特殊困难老年人家庭适老化改造. */
  readonly subject: string;
  /** The thing each quantity applies to (每家互助社 → 互助社), or null. */
  readonly per: string | null;
}

type EditInput = Readonly<Record<string, unknown>>;

function invalid(field: string, message: string, messageEn: string): DomainException {
  return new DomainException(DomainExceptionCode.InvalidInput, `${field}：${message}`, {
    field,
    messageEn: `${field}: ${messageEn}`,
  });
}

/** Characters as a person counts them: 𠮷 is one, not two UTF-16 units. */
function length(text: string): number {
  return [...text].length;
}

function requiredText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string') throw invalid(field, '必须是字符串', 'must be a string');
  const trimmed = value.trim();
  if (trimmed === '') throw invalid(field, '不能为空', 'must not be empty');
  if (length(trimmed) > max) {
    throw invalid(field, `不能超过 ${max} 个字符`, `must be at most ${max} characters`);
  }
  return trimmed;
}

/** A blank optional text is no text: null. */
function optionalText(field: string, value: unknown, max: number): string | null {
  if (value === null || (typeof value === 'string' && value.trim() === '')) return null;
  return requiredText(field, value, max);
}

/** Only fields that are present count; an edit that changes nothing is a mistake. */
function presentFields(input: EditInput, editable: readonly string[]): string[] {
  const present = Object.keys(input).filter((key) => input[key] !== undefined);
  const frozen = present.find((key) => !editable.includes(key));
  if (frozen !== undefined) {
    throw invalid(
      frozen,
      `不可修改；可修改的字段为 ${editable.join('、')}`,
      `cannot be edited; editable fields are ${editable.join(', ')}`,
    );
  }
  if (present.length === 0) {
    throw new DomainException(
      DomainExceptionCode.InvalidInput,
      `请至少提供一个要修改的字段（${editable.join('、')}）`,
      { messageEn: `give at least one field to change (${editable.join(', ')})` },
    );
  }
  return present;
}

export function assertPlanEditable(status: PlanStatus): void {
  if (status !== 'draft') {
    throw new DomainException(DomainExceptionCode.Conflict, '计划已确认，不能再修改', {
      messageEn: 'the plan is confirmed and can no longer be edited',
    });
  }
}

/**
 * A due date must be a real calendar day in the plan year or the next one: work planned for a
 * year may run into the following year, never before it starts or beyond.
 */
export function validateDueDate(value: unknown, planYear: number, field = 'due'): string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match || typeof value !== 'string') {
    throw invalid(field, '日期格式应为 YYYY-MM-DD', 'expected a date as YYYY-MM-DD');
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw invalid(field, `${value} 不是有效日期`, `${value} is not a calendar date`);
  }
  if (year !== planYear && year !== planYear + 1) {
    throw invalid(
      field,
      `日期应在 ${planYear} 年或 ${planYear + 1} 年内`,
      `must fall in ${planYear} or ${planYear + 1}`,
    );
  }
  return value;
}

export function validateSectionEdit(input: EditInput): SectionEdit {
  presentFields(input, EDITABLE_SECTION_FIELDS);
  return { title: requiredText('title', input['title'], PLAN_TITLE_MAX_LENGTH) };
}

export function validateItemEdit(input: EditInput, planYear: number): ItemEdit {
  const present = presentFields(input, EDITABLE_ITEM_FIELDS);
  return {
    ...(present.includes('title') && {
      title: requiredText('title', input['title'], PLAN_TITLE_MAX_LENGTH),
    }),
    ...(present.includes('due') && { due: validateDueDate(input['due'], planYear) }),
    ...(present.includes('suggestedUnit') && {
      suggestedUnit: optionalText(
        'suggestedUnit',
        input['suggestedUnit'],
        SUGGESTED_UNIT_MAX_LENGTH,
      ),
    }),
  };
}

function validateTarget(input: unknown, field: string): PlanTarget {
  if (typeof input !== 'object' || input === null) {
    throw invalid(field, '必须是对象', 'must be an object');
  }
  const target = input as EditInput;
  const quantity = target['quantity'];
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0) {
    throw invalid(`${field}.quantity`, '必须是大于 0 的数', 'must be a finite number above 0');
  }
  const comparator = target['comparator'];
  if (!TARGET_COMPARATORS.includes(comparator as TargetComparator)) {
    throw invalid(
      `${field}.comparator`,
      `必须是 ${TARGET_COMPARATORS.join('、')} 之一`,
      `must be one of ${TARGET_COMPARATORS.join(', ')}`,
    );
  }
  return {
    text: optionalText(`${field}.text`, target['text'] ?? null, TARGET_TEXT_MAX_LENGTH) ?? '',
    quantity,
    unit: requiredText(`${field}.unit`, target['unit'], TARGET_UNIT_MAX_LENGTH),
    comparator: comparator as TargetComparator,
    subject: requiredText(`${field}.subject`, target['subject'], TARGET_SUBJECT_MAX_LENGTH),
    per: optionalText(`${field}.per`, target['per'] ?? null, TARGET_PER_MAX_LENGTH),
  };
}

/** The whole list of an item's targets, as it will replace the current one. */
export function validateTargets(input: unknown): PlanTarget[] {
  if (!Array.isArray(input)) throw invalid('targets', '必须是数组', 'must be an array');
  if (input.length > TARGETS_MAX_COUNT) {
    throw invalid(
      'targets',
      `最多 ${TARGETS_MAX_COUNT} 项指标`,
      `at most ${TARGETS_MAX_COUNT} targets`,
    );
  }
  return input.map((target: unknown, i) => validateTarget(target, `targets[${i}]`));
}
