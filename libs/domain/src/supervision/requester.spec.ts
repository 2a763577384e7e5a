import { DEFAULT_ESCALATION_POLICY } from './escalation-policy';
import { requesterOf } from './requester';
import { pendingMilestone, type WorkItemState } from './work-item';

const q1 = pendingMilestone('q1', '第一季度', '2024-03-31T16:00:00.000Z');
const state: WorkItemState = {
  planId: 'p',
  itemId: 'i',
  itemNo: 1,
  title: '事项',
  targetQuantities: [],
  status: 'in_progress',
  responsibility: { leadUnitId: 'u', coUnitIds: [], leaderId: null, responsibleId: 'resp' },
  milestones: [
    {
      ...q1,
      status: 'submitted',
      submissions: [
        { at: '2024-03-01T00:00:00.000Z', by: 'first', text: '', progress: [], evidence: [] },
        { at: '2024-03-02T00:00:00.000Z', by: 'latest', text: '', progress: [], evidence: [] },
      ],
      extension: { at: '2024-03-03T00:00:00.000Z', by: 'asker', dueAt: q1.dueAt, reason: '' },
    },
  ],
  startedAt: '2024-01-01T00:00:00.000Z',
  policy: DEFAULT_ESCALATION_POLICY,
  policySince: null,
};

describe('who asked for a decision', () => {
  it.each([
    [{ type: 'approveMilestone', milestoneKey: 'q1', comment: '' }, 'latest'],
    [{ type: 'returnMilestone', milestoneKey: 'q1', comment: '补充材料' }, 'latest'],
    [{ type: 'decideExtension', milestoneKey: 'q1', approve: true, comment: '' }, 'asker'],
    [{ type: 'approveMilestone', milestoneKey: 'q9', comment: '' }, null],
    [{ type: 'complete' }, null],
  ] as const)('%j → %s', (command, who) => {
    expect(requesterOf(state, command)).toBe(who);
  });
});
