import fc from 'fast-check';
import type { Actor, Role } from '../access/roles';
import { dayAt } from '../calendar/days';
import { DEFAULT_ESCALATION_POLICY } from './escalation-policy';
import { dueWindow } from './milestones';
import { CHINA_UTC_OFFSET_MINUTES } from './offsets';
import { readWorkItemCommand } from './read-command';
import { initialWorkItemState } from './work-item-start';
import type { WorkItemState } from './work-item';
import { decideCommand, type WorkItemCommand } from './work-item-commands';

const actor = (
  userId: string,
  roles: Role[],
  unitId: string | null,
  chargeUnitIds: string[] = [],
): Actor => ({
  userId,
  username: userId,
  name: userId,
  roles,
  unitId,
  chargeUnitIds,
});

const supervisor = actor('sup', ['supervisor'], 'office');
const staff = actor('staff-elderly', ['staff'], 'elderly');
const otherStaff = actor('staff-child', ['staff'], 'child');
const leader = actor('leader-a', ['leader'], 'leadership', ['elderly']);
const otherLeader = actor('leader-b', ['leader'], 'leadership', ['child']);
const auditor = actor('aud', ['auditor'], 'office');
const NOW = '2024-03-01T02:00:00.000Z';
const SHA = 'a'.repeat(64);
const EVIDENCE_ID = '0b6f8f52-3f0e-4b7e-9a53-3c2a1d6f1e11';

const draft: WorkItemState = {
  planId: 'p',
  itemId: 'i',
  itemNo: 10,
  title: '完成适老化改造500户',
  targetQuantities: [500],
  status: 'draft',
  responsibility: { leadUnitId: null, coUnitIds: [], leaderId: null, responsibleId: null },
  milestones: [
    {
      key: 'q1',
      title: '第一季度进展',
      dueAt: '2024-03-31T16:00:00.000Z',
      status: 'pending',
      submissions: [],
      extension: null,
      firedSteps: ['reminder0'],
      escalation: null,
    },
    {
      key: 'final',
      title: '完成',
      dueAt: '2024-12-31T16:00:00.000Z',
      status: 'pending',
      submissions: [],
      extension: null,
      firedSteps: [],
      escalation: null,
    },
  ],
  startedAt: NOW,
  policy: DEFAULT_ESCALATION_POLICY,
  policySince: null,
};

function run(state: WorkItemState, steps: [Actor, WorkItemCommand][]): WorkItemState {
  return steps.reduce((current, [who, command]) => {
    const decision = decideCommand(current, who, command, NOW);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.reasonEn}`);
    return decision.state;
  }, state);
}

const assign: WorkItemCommand = {
  type: 'assign',
  leadUnitId: 'elderly',
  coUnitIds: ['civil'],
  leaderId: null,
  responsibleId: 'staff-elderly',
};
const submit = (milestoneKey: string): WorkItemCommand => ({
  type: 'submitProgress',
  milestoneKey,
  text: '已完成改造 200 户',
  progress: [{ target: 0, value: 200 }],
  evidence: [{ id: EVIDENCE_ID, sha256: SHA }],
});

const submitted = run(draft, [
  [supervisor, assign],
  [staff, { type: 'acknowledge' }],
  [staff, submit('q1')],
]);

describe('work item commands', () => {
  it('go draft → assigned → acknowledged → in progress, the milestone to submitted', () => {
    expect(submitted.status).toBe('in_progress');
    expect(submitted.milestones[0]).toMatchObject({ status: 'submitted' });
    expect(submitted.milestones[0]?.submissions[0]).toMatchObject({
      by: 'staff-elderly',
      text: '已完成改造 200 户',
    });
  });

  it.each<[string, Actor]>([
    ['a staff member', staff],
    ['another leader', otherLeader],
    ['the supervisor', supervisor],
    ['the auditor', auditor],
  ])('refuse an approval by %s with a reason, changing nothing', (_who, who) => {
    const decision = decideCommand(
      submitted,
      who,
      { type: 'approveMilestone', milestoneKey: 'q1', comment: '' },
      NOW,
    );
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.reason).toMatch(/分管领导/);
    expect(submitted.milestones[0]?.status).toBe('submitted');
  });

  it('let the leader in charge of the lead unit approve, and record who and when', () => {
    const decision = decideCommand(
      submitted,
      leader,
      { type: 'approveMilestone', milestoneKey: 'q1', comment: '' },
      NOW,
    );
    expect(decision).toMatchObject({
      ok: true,
      state: {
        milestones: [
          { key: 'q1', status: 'approved' },
          { key: 'final', status: 'pending' },
        ],
      },
      event: { type: 'approveMilestone', actorId: 'leader-a', at: NOW, milestoneKey: 'q1' },
    });
  });

  it('require a comment to return a milestone', () => {
    const bare = decideCommand(
      submitted,
      leader,
      { type: 'returnMilestone', milestoneKey: 'q1', comment: '  ' },
      NOW,
    );
    expect(bare).toMatchObject({ ok: false, code: 'INVALID_INPUT', reason: '退回意见不能为空' });
    const returned = run(submitted, [
      [leader, { type: 'returnMilestone', milestoneKey: 'q1', comment: '缺少佐证' }],
    ]);
    expect(returned.milestones[0]?.status).toBe('returned');
    expect(run(returned, [[staff, submit('q1')]]).milestones[0]?.status).toBe('submitted');
  });

  describe('refuse a command the milestone’s state does not allow as a conflict (409)', () => {
    const approved = run(submitted, [
      [leader, { type: 'approveMilestone', milestoneKey: 'q1', comment: '' }],
    ]);
    const extend: WorkItemCommand = {
      type: 'requestExtension',
      milestoneKey: 'q1',
      dueAt: '2024-04-30T15:59:59.000Z',
      reason: '改造户数调整',
    };
    const extending = run(submitted, [[staff, extend]]);

    it.each<[string, WorkItemState, Actor, WorkItemCommand]>([
      ['submitting a milestone already submitted', submitted, staff, submit('q1')],
      [
        'approving a milestone not submitted',
        submitted,
        leader,
        { type: 'approveMilestone', milestoneKey: 'final', comment: '' },
      ],
      [
        'returning a milestone not submitted',
        submitted,
        leader,
        { type: 'returnMilestone', milestoneKey: 'final', comment: '缺少佐证' },
      ],
      ['extending an approved milestone', approved, staff, extend],
      ['asking a second extension while one is pending', extending, staff, extend],
      [
        'deciding an extension nobody asked for',
        submitted,
        leader,
        { type: 'decideExtension', milestoneKey: 'q1', approve: true, comment: '' },
      ],
    ])('%s', (_case, state, who, command) => {
      const decision = decideCommand(state, who, command, NOW);
      expect(decision).toMatchObject({ ok: false, code: 'CONFLICT' });
      if (decision.ok) return;
      expect(decision.reason).toMatch(/[\u4e00-\u9fff]/);
      // English only: “cannot be 报送 now” is no sentence for an English reader.
      expect(decision.reasonEn).toMatch(/^[ -~]+$/);
    });
  });

  it('let only the lead unit or a co-unit acknowledge and submit', () => {
    const assigned = run(draft, [[supervisor, assign]]);
    expect(decideCommand(assigned, otherStaff, { type: 'acknowledge' }, NOW)).toMatchObject({
      ok: false,
    });
    const coUnitStaff = actor('civil-staff', ['staff'], 'civil');
    expect(decideCommand(assigned, coUnitStaff, { type: 'acknowledge' }, NOW).ok).toBe(true);
  });

  it('refuse assignment by anyone but the supervision office, and a lead unit among co-units', () => {
    expect(decideCommand(draft, leader, assign, NOW)).toMatchObject({
      ok: false,
      reason: '只有督查室可以执行此操作',
    });
    expect(
      decideCommand(
        draft,
        supervisor,
        { ...assign, coUnitIds: ['elderly'] } as WorkItemCommand,
        NOW,
      ),
    ).toMatchObject({ ok: false });
  });

  it('send a reassigned item back to be acknowledged by its new lead unit', () => {
    const moved = run(submitted, [
      [supervisor, { ...assign, leadUnitId: 'child' } as WorkItemCommand],
    ]);
    expect(moved.status).toBe('assigned');
    expect(
      run(submitted, [[supervisor, { ...assign, coUnitIds: [] } as WorkItemCommand]]).status,
    ).toBe('in_progress');
  });

  it('refuse progress on a target the item does not have, or a malformed evidence reference', () => {
    const acknowledged = run(draft, [
      [supervisor, assign],
      [staff, { type: 'acknowledge' }],
    ]);
    expect(
      decideCommand(
        acknowledged,
        staff,
        { ...submit('q1'), progress: [{ target: 3, value: 1 }] } as WorkItemCommand,
        NOW,
      ).ok,
    ).toBe(false);
    expect(
      decideCommand(
        acknowledged,
        staff,
        { ...submit('q1'), evidence: [{ id: '../x', sha256: SHA }] } as WorkItemCommand,
        NOW,
      ).ok,
    ).toBe(false);
    expect(decideCommand(acknowledged, staff, submit('q9'), NOW)).toMatchObject({
      ok: false,
      reason: '没有里程碑“q9”',
    });
  });

  it('move the deadline and restart the ladder when the leader grants an extension', () => {
    const requested = run(draft, [
      [supervisor, assign],
      [staff, { type: 'acknowledge' }],
      [
        staff,
        {
          type: 'requestExtension',
          milestoneKey: 'q1',
          dueAt: '2024-04-30T16:00:00Z',
          reason: '资金未到位',
        },
      ],
    ]);
    expect(
      decideCommand(
        requested,
        staff,
        { type: 'decideExtension', milestoneKey: 'q1', approve: true, comment: '' },
        NOW,
      ).ok,
    ).toBe(false);
    const granted = run(requested, [
      [leader, { type: 'decideExtension', milestoneKey: 'q1', approve: true, comment: '' }],
    ]);
    expect(granted.milestones[0]).toMatchObject({
      dueAt: '2024-04-30T16:00:00.000Z',
      extension: null,
      firedSteps: [],
      escalation: null,
    });
    const earlier = decideCommand(
      granted,
      staff,
      { type: 'requestExtension', milestoneKey: 'q1', dueAt: '2024-04-01T00:00:00Z', reason: 'x' },
      NOW,
    );
    expect(earlier).toMatchObject({ ok: false, reason: '新的截止时间必须晚于原截止时间' });
  });

  it('complete only when every milestone is approved, and reopen by the supervisor', () => {
    const approve = (key: string): [Actor, WorkItemCommand] => [
      leader,
      { type: 'approveMilestone', milestoneKey: key, comment: '' },
    ];
    const halfway = run(submitted, [approve('q1')]);
    expect(decideCommand(halfway, leader, { type: 'complete' }, NOW)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
    const done = run(halfway, [
      [staff, submit('final')],
      approve('final'),
      [leader, { type: 'complete' }],
    ]);
    expect(done.status).toBe('completed');
    expect(decideCommand(done, staff, submit('final'), NOW).ok).toBe(false);
    expect(run(done, [[supervisor, { type: 'reopen', reason: '审计发现数据有误' }]]).status).toBe(
      'in_progress',
    );
  });

  it('let the supervision office override the policy with a newer version, from now on', () => {
    const assigned = run(draft, [[supervisor, assign]]);
    const newer = { ...DEFAULT_ESCALATION_POLICY, version: 2 };
    const decision = decideCommand(assigned, supervisor, { type: 'setPolicy', policy: newer }, NOW);
    expect(decision).toMatchObject({
      ok: true,
      state: { policy: { version: 2 }, policySince: NOW },
    });
    expect(
      decideCommand(
        assigned,
        supervisor,
        { type: 'setPolicy', policy: DEFAULT_ESCALATION_POLICY },
        NOW,
      ),
    ).toMatchObject({
      ok: false,
      reason: '策略版本必须高于当前的 v1',
    });
    expect(
      decideCommand(assigned, leader, { type: 'setPolicy', policy: newer }, NOW),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('milestone keys and deadlines', () => {
  const acknowledged = run({ ...draft, planYear: 2024 }, [
    [supervisor, assign],
    [staff, { type: 'acknowledge' }],
  ]);
  const setMilestones = (milestones: { key: string; dueAt: string }[]): WorkItemCommand => ({
    type: 'setMilestones',
    milestones: milestones.map((m) => ({ ...m, title: '里程碑' })),
  });
  const extend = (milestoneKey: string, dueAt: string): WorkItemCommand => ({
    type: 'requestExtension',
    milestoneKey,
    dueAt,
    reason: '资金未到位',
  });
  const refusal = (who: Actor, command: WorkItemCommand) => {
    const decision = decideCommand(acknowledged, who, command, NOW);
    return decision.ok ? 'accepted' : { code: decision.code, field: decision.field };
  };
  const refused = (field: string) => ({ code: 'INVALID_INPUT', field });
  const FINAL = '2024-12-31T16:00:00.000Z';

  it.each<[string, Actor, WorkItemCommand, unknown]>([
    [
      'a 10,000-character key',
      supervisor,
      setMilestones([{ key: 'k'.repeat(10_000), dueAt: FINAL }]),
      refused('milestones[0].key'),
    ],
    [
      'a key of 33 characters',
      supervisor,
      setMilestones([{ key: 'k'.repeat(33), dueAt: FINAL }]),
      refused('milestones[0].key'),
    ],
    [
      'a key of 32 characters',
      supervisor,
      setMilestones([{ key: 'k'.repeat(32), dueAt: FINAL }]),
      'accepted',
    ],
    [
      'a key with a slash',
      supervisor,
      setMilestones([{ key: 'q1/x', dueAt: FINAL }]),
      refused('milestones[0].key'),
    ],
    [
      'a key in capitals',
      supervisor,
      setMilestones([{ key: 'Q1', dueAt: FINAL }]),
      refused('milestones[0].key'),
    ],
    [
      'a key starting with a digit',
      supervisor,
      setMilestones([{ key: '1q', dueAt: FINAL }]),
      refused('milestones[0].key'),
    ],
    [
      'an empty key',
      supervisor,
      setMilestones([{ key: '', dueAt: FINAL }]),
      refused('milestones[0].key'),
    ],
    [
      'a key given twice',
      supervisor,
      setMilestones([
        { key: 'q1', dueAt: FINAL },
        { key: 'q1', dueAt: FINAL },
      ]),
      refused('milestones[1].key'),
    ],
    [
      'the default keys',
      supervisor,
      setMilestones(['q1', 'q2', 'q3', 'final'].map((key) => ({ key, dueAt: FINAL }))),
      'accepted',
    ],
    [
      '25 milestones',
      supervisor,
      setMilestones(Array.from({ length: 25 }, (_, i) => ({ key: `m${i}`, dueAt: FINAL }))),
      refused('milestones'),
    ],
    [
      'a due date in 9999',
      supervisor,
      setMilestones([{ key: 'final', dueAt: '9999-12-31T00:00:00Z' }]),
      refused('milestones[0].dueAt'),
    ],
    [
      'a due date after the grace (31 March of the next year, China)',
      supervisor,
      setMilestones([{ key: 'final', dueAt: '2025-03-31T16:00:00.001Z' }]),
      refused('milestones[0].dueAt'),
    ],
    [
      'a due date at the end of the grace',
      supervisor,
      setMilestones([{ key: 'final', dueAt: '2025-03-31T16:00:00.000Z' }]),
      'accepted',
    ],
    [
      'a due date before the plan year (China)',
      supervisor,
      setMilestones([{ key: 'final', dueAt: '2023-12-31T15:59:59.999Z' }]),
      refused('milestones[0].dueAt'),
    ],
    [
      'a due date at the start of the plan year',
      supervisor,
      setMilestones([{ key: 'final', dueAt: '2023-12-31T16:00:00.000Z' }]),
      'accepted',
    ],
    [
      'a due date that is no instant',
      supervisor,
      setMilestones([{ key: 'final', dueAt: '2024-13-01' }]),
      refused('milestones[0].dueAt'),
    ],
    [
      'an extension to 9999-12-31',
      staff,
      extend('final', '9999-12-31T00:00:00Z'),
      refused('dueAt'),
    ],
    [
      'an extension of q1 past the final milestone',
      staff,
      extend('q1', '2025-01-15T16:00:00Z'),
      refused('dueAt'),
    ],
    ['an extension of q1 up to the final milestone', staff, extend('q1', FINAL), 'accepted'],
    [
      'an extension of the final milestone into the grace',
      staff,
      extend('final', '2025-03-31T16:00:00Z'),
      'accepted',
    ],
    [
      'an extension of the final milestone past the grace',
      staff,
      extend('final', '2025-04-01T16:00:00Z'),
      refused('dueAt'),
    ],
  ])('refuse or accept %s', (_what, who, command, expected) => {
    expect(refusal(who, command)).toEqual(expected);
  });

  it('hold a command accepted before the bounds to what it did then, when told to', () => {
    const lenient = { bounds: false };
    const decide = (who: Actor, command: WorkItemCommand) =>
      decideCommand(acknowledged, who, command, NOW, lenient).ok;
    expect(decide(supervisor, setMilestones([{ key: 'Q1', dueAt: FINAL }]))).toBe(true);
    expect(decide(staff, extend('q1', '2025-01-15T16:00:00Z'))).toBe(true);
    expect(decide(staff, extend('final', '9999-12-31T00:00:00Z'))).toBe(true);
    // What was refused before the bounds still is.
    expect(decide(supervisor, setMilestones([]))).toBe(false);
    expect(decide(staff, extend('final', 'tomorrow'))).toBe(false);
  });

  it('take the window from the plan year, or from the earliest milestone of an older state', () => {
    expect(dueWindow({ ...draft, planYear: 2025 })).toMatchObject({
      firstDay: '2025-01-01',
      lastDay: '2026-03-31',
      from: '2024-12-31T16:00:00.000Z',
      until: '2026-03-31T16:00:00.000Z',
    });
    expect(dueWindow(draft)).toMatchObject({ firstDay: '2024-01-01', lastDay: '2025-03-31' });
  });

  it('keep to the plan year an item starts with, however its milestones move', () => {
    const started = initialWorkItemState(
      'p',
      2024,
      {
        id: 'i',
        no: 10,
        title: draft.title,
        due: '2024-12-31',
        targetQuantities: [500],
        responsibility: { leadUnitId: 'elderly', coUnitIds: [], leaderId: null },
      },
      DEFAULT_ESCALATION_POLICY,
      NOW,
    );
    const inGrace = run(started, [
      [supervisor, setMilestones([{ key: 'final', dueAt: '2025-03-31T16:00:00Z' }])],
    ]);
    expect(
      decideCommand(
        inGrace,
        supervisor,
        setMilestones([{ key: 'final', dueAt: '2025-06-30T16:00:00Z' }]),
        NOW,
      ),
    ).toMatchObject(refused('milestones[0].dueAt'));
  });

  it('accept exactly the keys of at most 32 lower-case letters, digits, _ and -, led by a letter, in the reader and the rule alike', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const wellFormed = (key: string) =>
      key.length >= 1 &&
      key.length <= 32 &&
      letters.includes(key[0] ?? '') &&
      [...key].every((c) => `${letters}0123456789_-`.includes(c));
    const keys = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.stringMatching(/^[a-z][a-z0-9_-]{0,40}$/),
      fc.string({ unit: 'grapheme', maxLength: 5 }),
    );
    fc.assert(
      fc.property(keys, (key) => {
        const body = { type: 'setMilestones', milestones: [{ key, dueAt: FINAL }] };
        let read: WorkItemCommand | null = null;
        try {
          read = readWorkItemCommand(body);
        } catch {
          read = null;
        }
        const ruled = decideCommand(
          acknowledged,
          supervisor,
          setMilestones([{ key, dueAt: FINAL }]),
          NOW,
        );
        expect(read !== null).toBe(wellFormed(key));
        expect(ruled.ok).toBe(wellFormed(key));
      }),
    );
  });

  it('accept exactly the due dates from 1 January of the plan year to 31 March of the next, China time', () => {
    const instants = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
    const nearEdges = fc
      .tuple(
        fc.constantFrom('2023-12-31T16:00:00.000Z', '2025-03-31T16:00:00.000Z'),
        fc.integer({ min: -1000, max: 1000 }),
      )
      .map(([edge, ms]) => new Date(Date.parse(edge) + ms).toISOString());
    fc.assert(
      fc.property(fc.oneof(instants, nearEdges), (dueAt) => {
        // The instant that ends 31 March is the first of 1 April in China: still in the grace.
        const day = dayAt(new Date(Date.parse(dueAt) - 1).toISOString(), CHINA_UTC_OFFSET_MINUTES);
        const inWindow = dueAt >= '2023-12-31T16:00:00.000Z' && day <= '2025-03-31';
        const decision = decideCommand(
          acknowledged,
          supervisor,
          setMilestones([{ key: 'final', dueAt }]),
          NOW,
        );
        expect(decision.ok).toBe(inWindow);
      }),
    );
  });
});
