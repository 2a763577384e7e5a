import type { Phrases, Tag } from './phrases';

const TAGS: Readonly<Record<Tag, string>> = {
  assignment: 'Assignment',
  reminder: 'Reminder',
  overdue: 'Overdue',
  urging: 'Urging notice',
  approval_request: 'Review requested',
  returned: 'Returned for revision',
  approved: 'Approved',
  extension_request: 'Extension request',
  extension_decision: 'Extension decision',
  completed: 'Completed',
  year_end: 'Year-end closure',
  digest: 'Daily digest',
};

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

export const en: Phrases = {
  colon: ': ',
  nameSeparator: ', ',
  detailSeparator: ' | ',
  subject: (tag, parts) => `[${TAGS[tag]}] ${parts.join(', ')}`,
  greeting: (name) => `Dear ${name},`,
  itemRef: (itemNo, title) => `Item ${itemNo} ${title}`,
  itemField: (itemNo, title) => `No. ${itemNo} ${title}`,
  overdueDays: (n) => (n === 0 ? 'overdue since today' : `${days(n)} overdue`),
  dueInDays: (n) => (n === 0 ? 'due today' : `due in ${days(n)}`),
  dueIn: (n, date) =>
    `${n <= 0 ? 'due today' : n === 1 ? 'due tomorrow' : `due in ${days(n)}`} (${date})`,
  level: (level) => `Level ${level}`,
  extensionRequested: (date) => `extension to ${date} requested`,
  extensionDecided: (approved, date) => (approved ? `extended to ${date}` : 'extension refused'),
  decision: (approved) => (approved ? 'Approved' : 'Refused'),
  labels: {
    plan: 'Plan',
    item: 'Item',
    unit: 'Lead unit',
    milestone: 'Milestone',
    dueAt: 'Due date',
    overdue: 'Status',
    level: 'Escalation level',
    alsoTold: 'Also notified',
    reviewComment: 'Comment',
    decisionComment: 'Comment',
    reason: 'Reason',
    requestedDueAt: 'Requested due date',
    decision: 'Decision',
    newDueAt: 'New due date',
  },
  intro: {
    assignment:
      'The following item has been assigned. Please acknowledge it and organise the work.',
    reminder: 'A milestone of the following item is coming due. Please report progress on time.',
    overdue:
      'A milestone of the following item has passed its due date. Please report progress as soon as possible.',
    urging:
      'Under the supervision procedure, this is a formal urging notice for the following overdue item.',
    approval_request: 'Progress on the following milestone has been submitted for your review.',
    returned:
      'Your progress report has been returned. Please revise it as commented and submit it again.',
    approved: 'Your progress report has been approved.',
    extension_request:
      'An extension has been requested for the following milestone. Please decide on it.',
    extension_approved: 'Your extension request has been approved. The new due date applies.',
    extension_refused:
      'Your extension request has been refused. Please complete the work by the original due date.',
    extension_decided: 'Your extension request has been decided.',
    completed: 'Every milestone of the following item has been approved: it is completed.',
    year_end:
      'Supervision of the following item has concluded for the year. Please complete the year-end summary and file its records.',
  },
  urgingRequest:
    'Please act on it upon receipt of this notice and report back on its progress; where there are genuine difficulties, explain them in writing.',
  openItem: 'Open the item',
  footer: 'Sent automatically by Duban. Please do not reply.',
  digest: {
    subjectCounts: (due, overdue) => `${due} due, ${overdue} overdue`,
    intro: (date, overdue, due) =>
      `As of ${date}, ${overdue} of your milestones ${overdue === 1 ? 'is' : 'are'} overdue and ${due} ${due === 1 ? 'is' : 'are'} coming due. Please act on them in time.`,
    empty: 'Nothing of yours is coming due or overdue today.',
    overdueHeading: (count) => `Overdue (${count})`,
    dueHeading: (count) => `Coming due (${count})`,
    noticesHeading: (count) => `Other notices (${count})`,
    dueDate: (date) => `due ${date}`,
  },
  bundle: {
    subject: (kind, count) =>
      ({
        catch_up: `[Catch-up] ${count} reminder and overdue ${count === 1 ? 'notice' : 'notices'}`,
        urging: `[Urging notice] ${count} overdue ${count === 1 ? 'item' : 'items'}`,
        urgent: `[Escalated] ${count} overdue ${count === 1 ? 'item' : 'items'}`,
      })[kind],
    intro: (kind, count) =>
      ({
        catch_up: `The following ${count} reminders and overdue notices fell due before supervision started or while the system was down; they are sent together now. Please act on them.`,
        urging: `Under the supervision procedure, this is a formal urging notice for the following ${count} overdue items. Please act on them upon receipt and report back; where there are genuine difficulties, explain them in writing.`,
        urgent: `The following ${count} items are overdue and have been escalated. Please see that they are dealt with.`,
      })[kind],
  },
};
