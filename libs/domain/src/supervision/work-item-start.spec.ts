import { DEFAULT_ESCALATION_POLICY } from './escalation-policy';
import { initialWorkItemState, type ConfirmedItem } from './work-item-start';

const item: ConfirmedItem = {
  id: 'i',
  no: 3,
  title: '新增村级养老服务站不少于5个',
  due: '2024-12-31',
  targetQuantities: [5],
  responsibility: { leadUnitId: 'elderly', coUnitIds: [], leaderId: null },
};
const start = (i: ConfirmedItem) =>
  initialWorkItemState('p', 2024, i, DEFAULT_ESCALATION_POLICY, '2024-01-02T00:00:00.000Z');

describe('where an item starts', () => {
  it('keeps the responsible person named in the draft, so reminders reach them from day one', () => {
    const named = start({
      ...item,
      responsibility: { ...item.responsibility, responsibleId: 'staff-e' },
    });
    expect(named.responsibility.responsibleId).toBe('staff-e');
    expect(start(item).responsibility.responsibleId).toBeNull();
  });

  it('is assigned with a lead unit, a draft without', () => {
    expect(start(item).status).toBe('assigned');
    expect(
      start({ ...item, responsibility: { ...item.responsibility, leadUnitId: null } }).status,
    ).toBe('draft');
  });
});
