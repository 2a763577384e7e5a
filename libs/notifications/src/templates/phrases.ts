import type { Locale, NoticeKind } from '../message.types';

/** What a notice's opening says, from the facts every kind may use. */
export interface IntroFacts {
  readonly item: string;
  readonly milestone: string;
  readonly due: string;
  readonly unit: string;
  readonly daysOverdue: number;
  readonly level: number;
  readonly newDue: string;
  readonly approved: boolean | null;
  readonly urging: boolean;
}

export interface Phrases {
  readonly tag: (kind: NoticeKind, urging: boolean) => string;
  readonly itemRef: (no: number, title: string) => string;
  /** Between the item and what is said of its milestone in a subject. */
  readonly sep: string;
  readonly dueSoon: (milestone: string, due: string) => string;
  readonly overdueBy: (milestone: string, days: number) => string;
  readonly greeting: (name: string) => string;
  /** Between names in a list. */
  readonly and: string;
  readonly intro: (kind: NoticeKind, f: IntroFacts) => string;
  readonly yourUnit: string;
  readonly labels: {
    readonly plan: string;
    readonly item: string;
    readonly unit: string;
    readonly milestone: string;
    readonly due: string;
    readonly overdue: string;
    readonly level: string;
    readonly alsoTold: string;
    readonly comment: (kind: NoticeKind) => string;
    readonly newDue: string;
    readonly open: string;
  };
  readonly days: (n: number) => string;
  readonly levelOf: (n: number) => string;
  readonly footer: string;
  readonly digest: {
    readonly subject: (date: string, due: number, overdue: number) => string;
    readonly intro: string;
    readonly overdueTitle: string;
    readonly dueTitle: string;
    readonly noticesTitle: string;
    readonly overdueLine: (days: number) => string;
    readonly dueLine: (days: number) => string;
  };
}

const ZH_TAGS: Record<NoticeKind, string> = {
  assignment: '交办通知',
  reminder: '临近提醒',
  escalation: '逾期提醒',
  approval_request: '待审核',
  returned: '退回修改',
  approved: '审核通过',
  extension_request: '延期申请',
  extension_decision: '延期审批',
  year_end: '年终办结',
};

const EN_TAGS: Record<NoticeKind, string> = {
  assignment: 'Assignment',
  reminder: 'Reminder',
  escalation: 'Overdue',
  approval_request: 'Approval requested',
  returned: 'Returned for rework',
  approved: 'Approved',
  extension_request: 'Extension requested',
  extension_decision: 'Extension decision',
  year_end: 'Year-end closure',
};

const zh: Phrases = {
  tag: (kind, urging) => `【${kind === 'escalation' && urging ? '催办单' : ZH_TAGS[kind]}】`,
  itemRef: (no, title) => `第${no}项 ${title}`,
  sep: '：',
  dueSoon: (milestone, due) => `${milestone}将于${due}到期`,
  overdueBy: (milestone, days) => `${milestone}已逾期${days}天`,
  greeting: (name) => `${name}同志：`,
  and: '、',
  yourUnit: '贵单位',
  intro: (kind, f) => {
    switch (kind) {
      case 'assignment':
        return `现将“${f.item}”交由${f.unit}牵头办理，请及时签收，并按节点要求推进、报送进展。`;
      case 'reminder':
        return `督办事项“${f.item}”的节点“${f.milestone}”将于${f.due}到期，请抓紧办理并按时报送进展。`;
      case 'escalation':
        return f.urging
          ? `督办事项“${f.item}”的节点“${f.milestone}”已于${f.due}到期，至今未报送，已逾期 ${f.daysOverdue} 天，现发出催办单（第 ${f.level} 级督办）。请于收到本通知后抓紧办理，并在 2 个工作日内反馈办理情况。`
          : `督办事项“${f.item}”的节点“${f.milestone}”已于${f.due}到期，至今未报送，已逾期 ${f.daysOverdue} 天（第 ${f.level} 级督办）。请抓紧办理并尽快报送进展。`;
      case 'approval_request':
        return `${f.unit}已报送督办事项“${f.item}”节点“${f.milestone}”的进展，请审核。`;
      case 'returned':
        return `督办事项“${f.item}”节点“${f.milestone}”的报送已被退回，请按审核意见修改后重新报送。`;
      case 'approved':
        return `督办事项“${f.item}”节点“${f.milestone}”的报送已审核通过。`;
      case 'extension_request':
        return `${f.unit}申请将督办事项“${f.item}”节点“${f.milestone}”的期限延至${f.newDue}，请审批。`;
      case 'extension_decision':
        return f.approved === false
          ? `督办事项“${f.item}”节点“${f.milestone}”的延期申请未获批准，请按原期限${f.due}办理。`
          : `督办事项“${f.item}”节点“${f.milestone}”的延期申请已批准，新的期限为${f.newDue}。`;
      case 'year_end':
        return `年度督办即将收尾。请对照年度目标整理佐证材料，按时完成“${f.item}”的办结报送；未能完成的，请提交情况说明。`;
    }
  },
  labels: {
    plan: '工作要点',
    item: '督办事项',
    unit: '牵头单位',
    milestone: '节点',
    due: '期限',
    overdue: '逾期',
    level: '督办级别',
    alsoTold: '同时告知',
    comment: (kind) => (kind === 'extension_request' ? '申请理由' : '审核意见'),
    newDue: '新的期限',
    open: '查看事项',
  },
  days: (n) => `${n} 天`,
  levelOf: (n) => `第 ${n} 级`,
  footer: '本邮件由督办系统自动发送，请勿直接回复。',
  digest: {
    subject: (date, due, overdue) => `【每日督办摘要】${date} 到期${due}项 逾期${overdue}项`,
    intro: '以下是今天需要您关注的督办节点：',
    overdueTitle: '已逾期',
    dueTitle: '即将到期',
    noticesTitle: '新通知',
    overdueLine: (days) => `已逾期 ${days} 天`,
    dueLine: (days) => (days === 0 ? '今天到期' : `${days} 天后到期`),
  },
};

const en: Phrases = {
  tag: (kind, urging) => `[${kind === 'escalation' && urging ? 'Urging notice' : EN_TAGS[kind]}] `,
  itemRef: (no, title) => `Item ${no} ${title}`,
  sep: ': ',
  dueSoon: (milestone, due) => `${milestone} due ${due}`,
  overdueBy: (milestone, days) => `${milestone} ${days} days overdue`,
  greeting: (name) => `Dear ${name},`,
  and: ', ',
  yourUnit: 'your unit',
  intro: (kind, f) => {
    switch (kind) {
      case 'assignment':
        return `"${f.item}" has been assigned to ${f.unit} to lead. Please acknowledge it and report progress at each milestone.`;
      case 'reminder':
        return `Milestone "${f.milestone}" of "${f.item}" is due on ${f.due}. Please report progress in time.`;
      case 'escalation':
        return f.urging
          ? `Milestone "${f.milestone}" of "${f.item}" was due on ${f.due} and is ${f.daysOverdue} days overdue. This is a formal urging notice (escalation level ${f.level}). Please act on it and report back within 2 working days.`
          : `Milestone "${f.milestone}" of "${f.item}" was due on ${f.due} and is ${f.daysOverdue} days overdue (escalation level ${f.level}). Please report progress as soon as possible.`;
      case 'approval_request':
        return `${f.unit} has reported progress on milestone "${f.milestone}" of "${f.item}". Please review it.`;
      case 'returned':
        return `The report on milestone "${f.milestone}" of "${f.item}" was returned. Please revise it as commented and report again.`;
      case 'approved':
        return `The report on milestone "${f.milestone}" of "${f.item}" was approved.`;
      case 'extension_request':
        return `${f.unit} asks to extend milestone "${f.milestone}" of "${f.item}" to ${f.newDue}. Please decide.`;
      case 'extension_decision':
        return f.approved === false
          ? `The extension of milestone "${f.milestone}" of "${f.item}" was refused; the deadline stays ${f.due}.`
          : `The extension of milestone "${f.milestone}" of "${f.item}" was granted; the new deadline is ${f.newDue}.`;
      case 'year_end':
        return `The year's supervision is closing. Please collect the evidence against the year's targets and report "${f.item}" as completed, or explain what could not be done.`;
    }
  },
  labels: {
    plan: 'Work plan',
    item: 'Item',
    unit: 'Lead unit',
    milestone: 'Milestone',
    due: 'Due',
    overdue: 'Overdue',
    level: 'Escalation level',
    alsoTold: 'Also told',
    comment: (kind) => (kind === 'extension_request' ? 'Reason' : 'Comment'),
    newDue: 'New deadline',
    open: 'Open the item',
  },
  days: (n) => `${n} days`,
  levelOf: (n) => `level ${n}`,
  footer: 'Sent automatically by Duban. Please do not reply.',
  digest: {
    subject: (date, due, overdue) => `[Daily digest] ${date}: ${due} due, ${overdue} overdue`,
    intro: 'These milestones need your attention today:',
    overdueTitle: 'Overdue',
    dueTitle: 'Coming due',
    noticesTitle: 'New notices',
    overdueLine: (days) => `${days} days overdue`,
    dueLine: (days) => (days === 0 ? 'due today' : `due in ${days} days`),
  },
};

export const PHRASES: Record<Locale, Phrases> = { 'zh-CN': zh, en };
