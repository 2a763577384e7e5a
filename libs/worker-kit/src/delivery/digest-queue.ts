import {
  CHINA_UTC_OFFSET_MINUTES,
  dayAt,
  resolveRecipients,
  type RecipientRole,
} from '@duban/domain';
import {
  digestEntries,
  renderNotice,
  type DigestData,
  type DigestItemFacts,
  type NoticeData,
} from '@duban/notifications';
import type { OutboxRow, PersonView } from '@duban/persistence';
import { noticeItemReader, type NotificationDeps } from './notification-deps';

/** Whose digest lists an item: the people who answer for it, as reminders and escalations do. */
const DIGEST_ROLES: readonly RecipientRole[] = ['responsible', 'unit_head', 'leader'];

/** A held notice waits until its digest morning; the schedule may fire a little after that. */
const HELD_SLACK_MS = 15 * 60_000;

/**
 * Queues one digest per person for the working day `at` falls on: the milestones they answer for
 * that are coming due or overdue, and the notices held for them. Nobody gets an empty digest, and
 * nobody gets one on a day off. Returns how many were queued.
 */
export function createDigestQueue(deps: NotificationDeps) {
  const itemOf = noticeItemReader(deps);
  return async (at: string): Promise<number> => {
    const day = dayAt(at, CHINA_UTC_OFFSET_MINUTES);
    if (!deps.calendar.isWorkingDay(day)) return 0;
    const [units, people, items, held] = await Promise.all([
      deps.org.listUnits(),
      deps.org.listPeople(),
      deps.supervision.items({}),
      deps.notifications.held(new Date(Date.parse(at) + HELD_SLACK_MS)),
    ]);
    const unitNames = new Map(units.map((u) => [u.id, u.name]));
    // Whose digest lists each item, worked out once per item rather than once per person.
    const mine = new Map<string, DigestItemFacts[]>();
    for (const view of items) {
      const fact: DigestItemFacts = { item: await itemOf(view, unitNames), state: view };
      for (const { personId } of resolveRecipients(DIGEST_ROLES, view, { units, people })) {
        mine.set(personId, [...(mine.get(personId) ?? []), fact]);
      }
    }
    let queued = 0;
    for (const person of people.filter((p) => p.active && p.delivery !== 'immediate')) {
      const folded = held.filter((row) => row.recipientId === person.id);
      const digest = digestOf(person, day, digestEntries(mine.get(person.id) ?? [], at), folded);
      if (!digest) continue;
      const queuedNow = await deps.notifications.queueDigest(
        {
          key: `digest/${day}/${person.id}`,
          kind: 'digest',
          channel: 'email',
          recipientId: person.id,
          recipientRole: 'digest',
          workflowId: 'digest',
          planId: '',
          itemId: '',
          milestoneKey: null,
          step: day,
          urgingNotice: false,
          payload: digest,
          held: false,
          dueAt: at,
        },
        folded.map((row) => row.id),
        deps.now(),
      );
      if (queuedNow) queued += 1;
    }
    return queued;
  };
}

function digestOf(
  person: PersonView,
  day: string,
  entries: DigestData['entries'],
  folded: readonly OutboxRow[],
): DigestData | null {
  const notices = folded.map(
    (row) => renderNotice(row.payload as NoticeData, person.locale).subject,
  );
  if (entries.length === 0 && notices.length === 0) return null;
  return { recipientName: person.name, date: day, entries, notices };
}
