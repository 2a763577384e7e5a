import { refusedField } from '../testing/refused-field';
import { calendarYears } from '../calendar/working-calendar';
import { DEFAULT_ESCALATION_POLICY } from './escalation-policy';
import { readWorkItemCommand } from './read-command';
import { initialWorkItemState } from './work-item-start';

describe('reading a command from a request', () => {
  it('keeps the fields of its type and nothing else', () => {
    expect(
      readWorkItemCommand({
        type: 'returnMilestone',
        milestoneKey: 'q1',
        comment: '补充',
        text: 'ignored',
      }),
    ).toEqual({ type: 'returnMilestone', milestoneKey: 'q1', comment: '补充' });
    expect(readWorkItemCommand({ type: 'approveMilestone', milestoneKey: 'q1' })).toEqual({
      type: 'approveMilestone',
      milestoneKey: 'q1',
      comment: '',
    });
  });

  it.each([
    [{ type: 'explode' }, 'type'],
    [{ type: 'submitProgress', milestoneKey: 'q1' }, 'text'],
    [
      {
        type: 'submitProgress',
        milestoneKey: 'q1',
        text: 'x',
        progress: [{ target: '0', value: 1 }],
      },
      'progress[0].target',
    ],
    [
      { type: 'submitProgress', milestoneKey: 'q1', text: 'x', evidence: [{ id: 1 }] },
      'evidence[0].id',
    ],
    [
      { type: 'assign', leadUnitId: 'u', coUnitIds: [3], leaderId: null, responsibleId: null },
      'coUnitIds[0]',
    ],
    [{ type: 'decideExtension', milestoneKey: 'q1', approve: 'yes' }, 'approve'],
    [{ type: 'setMilestones', milestones: [{ key: 'a' }] }, 'milestones[0].dueAt'],
    [
      { type: 'setMilestones', milestones: [{ key: 'k'.repeat(33), dueAt: '' }] },
      'milestones[0].key',
    ],
    [{ type: 'approveMilestone', milestoneKey: 'q1 ' }, 'milestoneKey'],
    [{ type: 'requestExtension', milestoneKey: 'Q3', dueAt: '', reason: '' }, 'milestoneKey'],
    [
      { type: 'setPolicy', policy: { ...DEFAULT_ESCALATION_POLICY, notifyAt: '25:00' } },
      'notifyAt',
    ],
  ])('names the field of %j', (input, field) => {
    expect(refusedField(() => readWorkItemCommand(input))).toBe(field);
  });
});

describe('starting supervision of a confirmed item', () => {
  const item = {
    id: 'i',
    no: 10,
    title: '完成适老化改造500户',
    due: '2024-12-31',
    targetQuantities: [500],
    responsibility: { leadUnitId: 'elderly', coUnitIds: [], leaderId: null },
  };

  it('assigns an item with a lead unit, with quarter-end milestones due at the end of the day in China', () => {
    const state = initialWorkItemState(
      'p',
      2024,
      item,
      DEFAULT_ESCALATION_POLICY,
      '2024-01-05T00:00:00.000Z',
    );
    expect(state.status).toBe('assigned');
    expect(state.milestones.map((m) => [m.key, m.dueAt])).toEqual([
      ['q1', '2024-03-31T16:00:00.000Z'],
      ['q2', '2024-06-30T16:00:00.000Z'],
      ['q3', '2024-09-30T16:00:00.000Z'],
      ['final', '2024-12-31T16:00:00.000Z'],
    ]);
  });

  it('leaves an item without a lead unit as a draft waiting for assignment', () => {
    const state = initialWorkItemState(
      'p',
      2024,
      { ...item, responsibility: { ...item.responsibility, leadUnitId: null } },
      DEFAULT_ESCALATION_POLICY,
      '2024-01-05T00:00:00.000Z',
    );
    expect(state.status).toBe('draft');
  });

  it('gives a workflow only the calendar of the years it needs', () => {
    const data = {
      coveredYears: [2023, 2024, 2025],
      holidays: ['2023-10-01', '2024-10-01', '2025-10-01'],
      makeUpWorkdays: ['2024-10-12'],
    };
    expect(calendarYears(data, [2024])).toEqual({
      coveredYears: [2024],
      holidays: ['2024-10-01'],
      makeUpWorkdays: ['2024-10-12'],
    });
  });
});
