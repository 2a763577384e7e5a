import type { DigestData, NoticeData, NoticeKind } from '../message.types';

const item = {
  planTitle: '2024年区民政局工作要点',
  itemNo: 12,
  itemTitle: '完成适老化改造500户',
  unitName: '养老服务科',
  link: 'https://duban.example.gov.cn/plans/6f1c/items/9a2b',
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
  at: '2024-10-08T01:00:00.000Z',
};

/** One notice of each kind, as the outbox would hold it. */
export const NOTICES: Readonly<Record<NoticeKind, NoticeData>> = {
  assignment: { ...base, milestone: null },
  reminder: { ...base, kind: 'reminder' },
  escalation: {
    ...base,
    kind: 'escalation',
    recipientName: '王强',
    escalation: { level: 3, daysOverdue: 9, urgingNotice: true },
    alsoTold: ['李娜', '张伟'],
  },
  approval_request: { ...base, kind: 'approval_request', recipientName: '李娜' },
  returned: { ...base, kind: 'returned', comment: '请补充已完成户数的入户验收照片。' },
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
  year_end: { ...base, kind: 'year_end', milestone: null },
};

export const NOTICE_KINDS = Object.keys(NOTICES) as NoticeKind[];

const entry = (no: number, title: string, milestone: string, dueAt: string) => ({
  item: { ...item, itemNo: no, itemTitle: title },
  milestone: { title: milestone, dueAt },
});

/** Three milestones coming due and two overdue, in the order the digest queue gives them. */
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
      ...entry(7, '新增村级养老服务站不少于5个', '选址确定', '2024-12-01T16:00:00.000Z'),
      state: 'due',
      days: 0,
    },
    {
      ...entry(12, '完成适老化改造500户', '入户评估完成', '2024-12-03T16:00:00.000Z'),
      state: 'due',
      days: 2,
    },
    {
      ...entry(15, '培育发展社区社会组织', '年度评估', '2024-12-06T16:00:00.000Z'),
      state: 'due',
      days: 5,
    },
  ],
  notices: ['【临近提醒】第12项 完成适老化改造500户：第三季度进展将于2024年9月30日到期'],
};
