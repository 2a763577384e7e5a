import {
  CHINA_UTC_OFFSET_MINUTES,
  addDays,
  dayAt,
  instantAt,
  type DeliveryMode,
  type RecipientRole,
  type WorkingCalendar,
} from '@duban/domain';

export type Channel = 'email' | 'chat';

/** China wall-clock times, `HH:MM`; quiet hours may run past midnight. */
export interface DeliveryHours {
  /** Null: no quiet time at all, not even days off (a deployment that delivers around the clock). */
  readonly quietHours: { readonly start: string; readonly end: string } | null;
  /** The working morning: digests go out, deferred notices are released. */
  readonly morning: string;
}

export interface DeliveryFacts {
  readonly kind: string;
  readonly recipientRole: string;
  readonly urgingNotice: boolean;
  readonly catchUp?: boolean;
  readonly channel: Channel;
  readonly mode: DeliveryMode;
}

/** `held` rows wait to be folded into the recipient's next digest instead of going alone. */
export interface DeliveryPlan {
  readonly held: boolean;
  readonly dueAt: string;
}

const LEADERS: readonly RecipientRole[] = ['leader', 'principal_leader', 'supervisor'];

/**
 * An escalation that reaches the leadership, or any urging notice: never folded or held long.
 * A catch-up is old news told late, so it follows each person's preference like any other.
 */
export function isUrgent(
  notice: Pick<DeliveryFacts, 'kind' | 'recipientRole' | 'urgingNotice'> & { catchUp?: boolean },
) {
  if (notice.catchUp) return false;
  return (
    notice.urgingNotice ||
    (notice.kind === 'escalation' && (LEADERS as readonly string[]).includes(notice.recipientRole))
  );
}

function minutesOfDay(instant: string): number {
  const local = new Date(Date.parse(instant) + CHINA_UTC_OFFSET_MINUTES * 60_000);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

function minutes(time: string): number {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
}

function inQuietHours(instant: string, quietHours: DeliveryHours['quietHours']): boolean {
  if (quietHours === null) return false;
  const now = minutesOfDay(instant);
  const start = minutes(quietHours.start);
  const end = minutes(quietHours.end);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** Whether mail may go out now: a working day (statutory calendar), outside quiet hours. */
export function isSendingTime(instant: string, hours: DeliveryHours, calendar: WorkingCalendar) {
  if (hours.quietHours === null) return true;
  const day = dayAt(instant, CHINA_UTC_OFFSET_MINUTES);
  return calendar.isWorkingDay(day) && !inQuietHours(instant, hours.quietHours);
}

/** The first working morning at or after an instant. */
export function nextWorkingMorning(
  instant: string,
  hours: DeliveryHours,
  calendar: WorkingCalendar,
): string {
  let day = dayAt(instant, CHINA_UTC_OFFSET_MINUTES);
  for (;;) {
    const morning = instantAt(day, hours.morning, CHINA_UTC_OFFSET_MINUTES);
    if (calendar.isWorkingDay(day) && Date.parse(morning) >= Date.parse(instant)) return morning;
    day = addDays(day, 1);
  }
}

/**
 * When a notice may go out. Digest-only people get non-urgent notices folded into their next
 * digest; anything else goes now if it is sending time, else on the next working morning —
 * which is also the latest an urgent escalation to a leader ever waits.
 */
export function planDelivery(
  notice: DeliveryFacts,
  now: string,
  hours: DeliveryHours,
  calendar: WorkingCalendar,
): DeliveryPlan {
  const urgent = isUrgent(notice);
  if (!urgent && notice.channel === 'email' && notice.mode === 'digest') {
    return { held: true, dueAt: nextWorkingMorning(now, hours, calendar) };
  }
  if (isSendingTime(now, hours, calendar)) return { held: false, dueAt: now };
  return { held: false, dueAt: nextWorkingMorning(now, hours, calendar) };
}

const MAX_RETRY_DELAY_MS = 3_600_000;
/** About two days of hourly attempts: long enough for a mail server's maintenance window. */
export const MAX_DELIVERY_ATTEMPTS = 60;

/** The wait after the n-th failed attempt: doubling from the base, at most an hour. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}
