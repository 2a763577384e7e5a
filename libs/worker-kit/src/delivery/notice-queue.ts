import type { NotificationRequest } from '@duban/contracts';
import { resolveRecipients, type Recipient } from '@duban/domain';
import {
  commandSeq,
  noticeData,
  planDelivery,
  withBundle,
  type BundleFacts,
  type DeliveryFacts,
  type NoticeContext,
} from '@duban/notifications';
import type { OutboxMessage, PersonView } from '@duban/persistence';
import { noticeItemReader, type NotificationDeps } from './notification-deps';

/** Notices a unit as a whole should see in its group chat: those to its own people. */
const UNIT_ROLES = new Set(['responsible', 'unit_head']);

/**
 * Turns a workflow's notice into outbox rows: one e-mail per recipient (held for the digest or
 * deferred past quiet hours as each person's mode says) and one group-chat message for the lead
 * unit, each with its words fixed now. Returns whether anything is due for the dispatcher.
 */
export function createNoticeQueue(deps: NotificationDeps) {
  const itemOf = noticeItemReader(deps);
  return async (notice: NotificationRequest): Promise<{ queued: number; due: boolean }> => {
    const [units, people, webhooks, view] = await Promise.all([
      deps.org.listUnits(),
      deps.org.listPeople(),
      deps.org.chatWebhooks(),
      deps.supervision.item(notice.itemId),
    ]);
    // The workflow projects itself before it notifies, so the item is in the read model.
    if (!view) throw new Error(`work item ${notice.itemId} is not in the read model yet`);
    const seq = commandSeq(notice.step);
    const event = seq === null ? null : await deps.supervision.event(notice.workflowId, seq);
    const unitNames = new Map(units.map((u) => [u.id, u.name]));
    const context: NoticeContext = {
      item: await itemOf(view, unitNames),
      facts: view,
      detail: event?.detail ?? null,
    };
    const recipients = resolveRecipients(
      notice.recipients,
      notice.responsibility,
      { units, people },
      notice.requesters,
    );
    const now = deps.now().toISOString();
    const byId = new Map(people.map((p) => [p.id, p]));
    const names = recipients.map((r) => byId.get(r.personId)?.name ?? '');
    const messages = recipients.map((recipient, i) =>
      emailMessage(notice, recipient, byId.get(recipient.personId), {
        name: names[i] ?? '',
        alsoTold: names.filter((_, j) => j !== i),
        context,
        now,
        deps,
      }),
    );
    const unitId = view.leadUnitId;
    const hook = unitId === null ? undefined : webhooks.get(unitId);
    if (unitId !== null && hook && recipients.some((r) => UNIT_ROLES.has(r.as))) {
      const plan = deliveryPlan(
        { ...facts(notice, 'unit'), channel: 'chat', mode: 'immediate' },
        now,
        deps,
      );
      messages.push({
        ...base(notice, `chat:${unitId}`),
        channel: 'chat',
        recipientId: unitId,
        recipientRole: 'unit',
        payload: noticeData(notice, unitNames.get(unitId) ?? '', names, context),
        ...plan,
      });
    }
    const queued = await deps.notifications.enqueue(messages, deps.now());
    // A bundle waits only moments: the dispatcher must hear of it to let it go in time.
    return { queued, due: messages.some((m) => !m.held || !!m.bundleKey) };
  };
}

function facts(notice: NotificationRequest, recipientRole: string) {
  return {
    kind: notice.kind,
    recipientRole,
    urgingNotice: notice.urgingNotice,
    catchUp: notice.catchUp ?? false,
  };
}

/** When the message may go, and whether it waits to leave combined with others. */
function deliveryPlan(
  notice: DeliveryFacts & BundleFacts,
  now: string,
  deps: Pick<NotificationDeps, 'settings' | 'calendar'>,
) {
  return withBundle(notice, planDelivery(notice, now, deps.settings, deps.calendar));
}

function base(notice: NotificationRequest, recipientKey: string) {
  return {
    key: `${notice.key}/${recipientKey}`,
    kind: notice.kind,
    workflowId: notice.workflowId,
    planId: notice.planId,
    itemId: notice.itemId,
    milestoneKey: notice.milestoneKey,
    step: notice.step,
    urgingNotice: notice.urgingNotice,
  };
}

function emailMessage(
  notice: NotificationRequest,
  recipient: Recipient,
  person: PersonView | undefined,
  words: {
    name: string;
    alsoTold: readonly string[];
    context: NoticeContext;
    now: string;
    deps: NotificationDeps;
  },
): OutboxMessage {
  const plan = deliveryPlan(
    { ...facts(notice, recipient.as), channel: 'email', mode: person?.delivery ?? 'both' },
    words.now,
    words.deps,
  );
  return {
    // The key of the issue before delivery existed: rows queued then keep their identity.
    ...base(notice, recipient.personId),
    channel: 'email',
    recipientId: recipient.personId,
    recipientRole: recipient.as,
    payload: noticeData(notice, words.name, words.alsoTold, words.context),
    ...plan,
  };
}
