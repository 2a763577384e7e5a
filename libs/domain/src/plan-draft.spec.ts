import { DomainException, DomainExceptionCode } from './domain.exception';
import {
  PLAN_TITLE_MAX_LENGTH,
  SUGGESTED_UNIT_MAX_LENGTH,
  TARGETS_MAX_COUNT,
  TARGET_UNIT_MAX_LENGTH,
  assertPlanEditable,
  validateDueDate,
  validateItemEdit,
  validateSectionEdit,
  validateTargets,
} from './plan-draft';

/** The exception a call throws, so a test can look at its code and field. */
function thrown(attempt: () => unknown): DomainException {
  try {
    attempt();
  } catch (error) {
    if (error instanceof DomainException) return error;
    throw error;
  }
  throw new Error('expected a DomainException, nothing was thrown');
}

function expectInvalid(attempt: () => unknown, field: string): void {
  const error = thrown(attempt);
  expect(error.code).toBe(DomainExceptionCode.InvalidInput);
  expect(error.details['field']).toBe(field);
  expect(error.message.startsWith(`${field}：`)).toBe(true);
  expect(error.details['messageEn']).toEqual(
    expect.stringMatching(new RegExp(`^${escape(field)}: `)),
  );
}

function escape(text: string): string {
  return text.replace(/[.[\]]/g, '\\$&');
}

const target = {
  text: '完成特殊困难老年人家庭适老化改造200户',
  quantity: 200,
  unit: '户',
  comparator: 'gte',
  subject: '特殊困难老年人家庭适老化改造',
  per: null,
};

describe('assertPlanEditable', () => {
  it('lets a draft be edited', () => {
    expect(() => assertPlanEditable('draft')).not.toThrow();
  });

  it('refuses any edit of a confirmed plan as a conflict', () => {
    const error = thrown(() => assertPlanEditable('confirmed'));
    expect(error.code).toBe(DomainExceptionCode.Conflict);
    expect(error.message).toContain('已确认');
  });
});

describe('validateDueDate', () => {
  it.each(['2024-01-01', '2024-02-29', '2024-12-31', '2025-06-30', '2025-12-31'])(
    'accepts %s for a 2024 plan',
    (date) => {
      expect(validateDueDate(date, 2024)).toBe(date);
    },
  );

  it.each([
    ['2024-02-30', '不是有效日期'],
    ['2023-02-29', '不是有效日期'],
    ['2024-13-01', '不是有效日期'],
    ['2024-04-31', '不是有效日期'],
    ['2024-00-10', '不是有效日期'],
    ['2023-12-31', '2024 年或 2025 年'],
    ['2026-01-01', '2024 年或 2025 年'],
    ['2024-6-30', 'YYYY-MM-DD'],
    ['2024/06/30', 'YYYY-MM-DD'],
    [' 2024-06-30', 'YYYY-MM-DD'],
    ['', 'YYYY-MM-DD'],
    [20240630, 'YYYY-MM-DD'],
    [null, 'YYYY-MM-DD'],
  ])('rejects %p for a 2024 plan (%s)', (date, reason) => {
    expectInvalid(() => validateDueDate(date, 2024), 'due');
    expect(thrown(() => validateDueDate(date, 2024)).message).toContain(reason);
  });

  it('names the field it was given', () => {
    expectInvalid(() => validateDueDate('2024-02-30', 2024, 'tasks[0].due'), 'tasks[0].due');
  });
});

describe('validateSectionEdit', () => {
  it('trims the title', () => {
    expect(validateSectionEdit({ title: '  推动社会救助工作提质增效 ' })).toEqual({
      title: '推动社会救助工作提质增效',
    });
  });

  it.each([[''], ['   '], [42], [null], ['题'.repeat(PLAN_TITLE_MAX_LENGTH + 1)]])(
    'rejects title %p',
    (title) => {
      expectInvalid(() => validateSectionEdit({ title }), 'title');
    },
  );

  it('counts characters, not UTF-16 units', () => {
    const title = '𠮷'.repeat(PLAN_TITLE_MAX_LENGTH);
    expect(validateSectionEdit({ title }).title).toBe(title);
  });

  it('rejects a field that is not editable, naming it', () => {
    expectInvalid(() => validateSectionEdit({ title: '标题', line: 3 }), 'line');
  });

  it('rejects an edit without any field', () => {
    const error = thrown(() => validateSectionEdit({ title: undefined }));
    expect(error.code).toBe(DomainExceptionCode.InvalidInput);
    expect(error.message).toContain('至少提供一个');
  });
});

describe('validateItemEdit', () => {
  it('returns only the fields that are present, normalized', () => {
    expect(validateItemEdit({ title: ' 强化政治理论武装 ', due: undefined }, 2024)).toEqual({
      title: '强化政治理论武装',
    });
    expect(validateItemEdit({ due: '2025-03-31', suggestedUnit: ' 社会救助科 ' }, 2024)).toEqual({
      due: '2025-03-31',
      suggestedUnit: '社会救助科',
    });
  });

  it.each([[null], [''], ['  ']])('clears the suggested unit given %p', (suggestedUnit) => {
    expect(validateItemEdit({ suggestedUnit }, 2024)).toEqual({ suggestedUnit: null });
  });

  it.each([
    [{ title: '' }, 'title'],
    [{ title: null }, 'title'],
    [{ title: 'x'.repeat(PLAN_TITLE_MAX_LENGTH + 1) }, 'title'],
    [{ due: '2024-02-30' }, 'due'],
    [{ due: '2026-01-01' }, 'due'],
    [{ suggestedUnit: 'x'.repeat(SUGGESTED_UNIT_MAX_LENGTH + 1) }, 'suggestedUnit'],
    [{ suggestedUnit: 7 }, 'suggestedUnit'],
    [{ title: '标题', body: '正文' }, 'body'],
    [{ targets: [] }, 'targets'],
  ])('rejects %p naming %s', (edit, field) => {
    expectInvalid(() => validateItemEdit(edit, 2024), field);
  });

  it('rejects an empty edit', () => {
    expect(thrown(() => validateItemEdit({}, 2024)).code).toBe(DomainExceptionCode.InvalidInput);
  });
});

describe('validateTargets', () => {
  it('accepts a list and normalizes blank optional texts', () => {
    expect(validateTargets([target, { ...target, text: '  ', per: '', quantity: 0.5 }])).toEqual([
      target,
      { ...target, text: '', per: null, quantity: 0.5 },
    ]);
  });

  it('accepts an empty list (the item has no quantitative target)', () => {
    expect(validateTargets([])).toEqual([]);
  });

  it('treats a missing text and per as absent', () => {
    const { quantity, unit, comparator, subject } = target;
    expect(validateTargets([{ quantity, unit, comparator, subject }])).toEqual([
      { text: '', quantity, unit, comparator, subject, per: null },
    ]);
  });

  it.each([
    [{ quantity: -1 }, 'targets[0].quantity'],
    [{ quantity: 0 }, 'targets[0].quantity'],
    [{ quantity: Number.NaN }, 'targets[0].quantity'],
    [{ quantity: Number.POSITIVE_INFINITY }, 'targets[0].quantity'],
    [{ quantity: '200' }, 'targets[0].quantity'],
    [{ comparator: 'gt' }, 'targets[0].comparator'],
    [{ comparator: undefined }, 'targets[0].comparator'],
    [{ unit: '' }, 'targets[0].unit'],
    [{ unit: '单'.repeat(TARGET_UNIT_MAX_LENGTH + 1) }, 'targets[0].unit'],
    [{ subject: ' ' }, 'targets[0].subject'],
    [{ per: 3 }, 'targets[0].per'],
  ])('rejects %p naming %s', (change, field) => {
    expectInvalid(() => validateTargets([{ ...target, ...change }]), field);
  });

  it('names the position of the bad target', () => {
    expectInvalid(() => validateTargets([target, { ...target, unit: '' }]), 'targets[1].unit');
  });

  it.each([[null], [{}], ['targets']])('rejects %p instead of a list', (input) => {
    expectInvalid(() => validateTargets(input), 'targets');
  });

  it('rejects a target that is not an object', () => {
    expectInvalid(() => validateTargets([42]), 'targets[0]');
  });

  it(`rejects more than ${TARGETS_MAX_COUNT} targets`, () => {
    expectInvalid(() => validateTargets(Array(TARGETS_MAX_COUNT + 1).fill(target)), 'targets');
  });
});
