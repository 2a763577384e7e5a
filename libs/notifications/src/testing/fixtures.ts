import type { DigestData, NoticeData, NoticeKind } from '../message.types';

/**
 * Deadlines are stored as the instant they pass, China midnight at the end of the day (the
 * domain's `endOfDay`): `2024-09-30T16:00:00.000Z` is the milestone due on 30 September.
 */
const item = {
  planTitle: '2024年区民政局工作要点',
  itemNo: 12,
  itemTitle: '完成适老化改造500户',
  unitName: '养老服务科',
  link: 'https://duban.example.gov.cn/plans/2024-mzj/items/12',
};

const base: NoticeData = {
  kind: 'assignment',
  recipientName: '张伟',
  item,
  milestone: { title: '第三季度进展', dueAt: '2024-09-30T16:00:00.000Z' },
  escalation: null,
  alsoTold: [],
  comment: null,
  extension: null,
  at: '2024-09-25T01:00:00.000Z',
};

/** One notice of each kind, as the outbox would hold it. */
export const NOTICES: Readonly<Record<NoticeKind, NoticeData>> = {
  assignment: {
    ...base,
    milestone: null,
    alsoTold: ['李娜'],
    at: '2024-03-04T02:00:00.000Z',
  },
  reminder: { ...base, kind: 'reminder' },
  // The third rung: seven working days after 30 September, the National Day holiday skipped.
  escalation: {
    ...base,
    kind: 'escalation',
    recipientName: '王强',
    escalation: { level: 3, daysOverdue: 14, urgingNotice: true },
    alsoTold: ['李娜', '张伟'],
    at: '2024-10-15T01:00:00.000Z',
  },
  approval_request: { ...base, kind: 'approval_request', recipientName: '李娜' },
  returned: {
    ...base,
    kind: 'returned',
    comment: '请补充已完成户数的入户验收照片。\n另请注明资金拨付进度。',
  },
  approved: { ...base, kind: 'approved', comment: '同意。' },
  extension_request: {
    ...base,
    kind: 'extension_request',
    recipientName: '李娜',
    comment: '受施工队进场时间影响，申请延期半个月。',
    extension: { dueAt: '2024-10-15T16:00:00.000Z', approved: null },
  },
  extension_decision: {
    ...base,
    kind: 'extension_decision',
    comment: '同意延期，请加快进度。',
    extension: { dueAt: '2024-10-15T16:00:00.000Z', approved: true },
  },
  completed: { ...base, kind: 'completed', milestone: null, at: '2024-12-20T02:00:00.000Z' },
  year_end: { ...base, kind: 'year_end', milestone: null, at: '2024-12-31T02:00:00.000Z' },
};

export const NOTICE_KINDS = Object.keys(NOTICES) as NoticeKind[];

/** The other face of the kinds that have two: a plain overdue notice, a refused extension. */
export const VARIANTS = {
  'escalation (not an urging notice)': {
    ...NOTICES.escalation,
    recipientName: '张伟',
    escalation: { level: 1, daysOverdue: 0, urgingNotice: false },
    alsoTold: [],
    at: '2024-10-01T01:00:00.000Z',
  },
  'extension_decision (refused)': {
    ...NOTICES.extension_decision,
    comment: '不同意延期，请按原计划推进。',
    extension: { dueAt: '2024-10-15T16:00:00.000Z', approved: false },
  },
} satisfies Readonly<Record<string, NoticeData>>;

const entry = (
  itemNo: number,
  itemTitle: string,
  milestone: string,
  dueAt: string,
  unitName: string | null = item.unitName,
) => ({
  item: { ...item, itemNo, itemTitle, unitName, link: item.link.replace(/\d+$/, String(itemNo)) },
  milestone: { title: milestone, dueAt },
});

/**
 * The digest for the morning of 2 December 2024 (08:30 China time): two milestones overdue and
 * three coming due, the days as `digestEntries` counts them, in its order.
 */
export const DIGEST: DigestData = {
  recipientName: '张伟',
  date: '2024-12-02',
  entries: [
    {
      ...entry(7, '新增村级养老服务站不少于5个', '站点挂牌', '2024-11-22T16:00:00.000Z'),
      state: 'overdue',
      days: 9,
    },
    {
      ...entry(12, '完成适老化改造500户', '改造过半', '2024-11-28T16:00:00.000Z'),
      state: 'overdue',
      days: 3,
    },
    {
      ...entry(9, '建成街道综合养老服务中心2个', '竣工验收', '2024-12-02T16:00:00.000Z'),
      state: 'due',
      days: 0,
    },
    {
      ...entry(14, '开展老年人能力综合评估3000人次', '第四季度评估', '2024-12-04T16:00:00.000Z'),
      state: 'due',
      days: 2,
    },
    {
      // Not yet given a lead unit.
      ...entry(15, '培育发展社区社会组织', '年度评估', '2024-12-06T16:00:00.000Z', null),
      state: 'due',
      days: 4,
    },
  ],
  notices: ['【审核通过】第12项 完成适老化改造500户 第三季度进展'],
};
