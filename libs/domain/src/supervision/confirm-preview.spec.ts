import { WorkingCalendar } from '../calendar/working-calendar';
import { confirmPreview } from './confirm-preview';
import { DEFAULT_ESCALATION_POLICY } from './escalation-policy';
import { endOfDay } from './offsets';
import { pendingMilestone, type WorkItemState } from './work-item';

const calendar = new WorkingCalendar({ coveredYears: [2024], holidays: [], makeUpWorkdays: [] });
const org = {
  units: [
    { id: 'elderly', headId: 'head-e' },
    { id: 'empty', headId: null },
  ],
  people: [
    { id: 'head-e', name: '吴芳', roles: ['unit_head' as const], chargeUnitIds: [], active: true },
    { id: 'staff-e', roles: ['staff' as const], chargeUnitIds: [], active: true },
    { id: 'leader', roles: ['leader' as const], chargeUnitIds: ['elderly'], active: true },
    { id: 'boss', roles: ['principal_leader' as const], chargeUnitIds: [], active: true },
    { id: 'office', roles: ['supervisor' as const], chargeUnitIds: [], active: true },
  ],
};

const item = (itemNo: number, leadUnitId: string | null, due: string): WorkItemState => ({
  planId: 'p',
  itemId: `i${itemNo}`,
  itemNo,
  title: `事项${itemNo}`,
  targetQuantities: [],
  status: leadUnitId === null ? 'draft' : 'assigned',
  responsibility: { leadUnitId, coUnitIds: [], leaderId: null, responsibleId: null },
  milestones: [pendingMilestone('final', '完成', endOfDay(due))],
  startedAt: '2024-01-02T00:00:00.000Z',
  policy: DEFAULT_ESCALATION_POLICY,
  policySince: null,
});

describe('confirm preview', () => {
  it('counts overdue items, late steps and one catch-up per person however many items', () => {
    const now = Date.parse('2024-06-28T04:00:00.000Z');
    const preview = confirmPreview(
      [
        item(1, 'elderly', '2024-03-29'),
        item(2, 'elderly', '2024-04-30'),
        item(3, 'elderly', '2024-12-31'),
        item(4, null, '2024-03-29'),
      ],
      calendar,
      org,
      now,
    );
    expect(preview).toMatchObject({
      items: 4,
      assignedItems: 3,
      itemsWithoutRecipient: [],
      overdueItems: 3,
      // Items 1 and 2: three reminders and three escalations each.
      lateSteps: 12,
      // Responsible person and unit head are one person here: the head, once per item.
      notices: { assignment: 3, catchUp: 4 },
      choiceRequired: true,
    });
    expect(preview.catchUpPeople).toEqual(
      expect.arrayContaining([
        { personId: 'head-e', name: '吴芳', items: 2 },
        { personId: 'leader', name: null, items: 2 },
        { personId: 'boss', name: null, items: 2 },
        { personId: 'office', name: null, items: 2 },
      ]),
    );
  });

  it('needs no choice when nothing is late, and names items whose reminders reach nobody', () => {
    const now = Date.parse('2024-01-03T00:00:00.000Z');
    const preview = confirmPreview([item(7, 'empty', '2024-12-31')], calendar, org, now);
    expect(preview).toMatchObject({
      overdueItems: 0,
      lateSteps: 0,
      notices: { assignment: 0, catchUp: 0 },
      itemsWithoutRecipient: [7],
      choiceRequired: false,
    });
  });
});
