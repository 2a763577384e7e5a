import { DomainException, DomainExceptionCode } from '../domain.exception';
import { addDays, dayAt, instantAt, type Day } from '../calendar/days';
import type { WorkingCalendar } from '../calendar/working-calendar';

/**
 * How far a step lies from a deadline: in working days (what people agree on), or as an
 * ISO-8601 duration such as `PT5S` (what a test needs, and what an urgent item may want).
 */
export type Offset = { readonly workingDays: number } | { readonly duration: string };

/** China has one time zone and no daylight saving. */
export const CHINA_UTC_OFFSET_MINUTES = 8 * 60;

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO-8601 duration in weeks, days, hours, minutes and seconds. */
export function durationMs(duration: string): number {
  const match = DURATION.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) {
    throw new DomainException(
      DomainExceptionCode.InvalidInput,
      `“${duration}”不是有效的时长（ISO-8601，如 PT5S、P1D）`,
      { messageEn: `"${duration}" is not an ISO-8601 duration such as PT5S or P1D` },
    );
  }
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((v) => Number(v ?? 0));
  return (
    ((((weeks ?? 0) * 7 + (days ?? 0)) * 24 + (hours ?? 0)) * 60 + (minutes ?? 0)) * 60_000 +
    (seconds ?? 0) * 1000
  );
}

/** The instant a day-based deadline passes: the start of the next day in China. */
export function endOfDay(day: Day): string {
  return instantAt(addDays(day, 1), '00:00', CHINA_UTC_OFFSET_MINUTES);
}

/**
 * The instant `offset` away from `dueAt` (negative `direction`: before it). A working-day
 * offset lands on a working day at the policy's wall-clock time (`notifyAt`), counted from the
 * day the deadline falls on.
 */
export function offsetFrom(
  dueAt: string,
  offset: Offset,
  direction: 1 | -1,
  calendar: WorkingCalendar,
  notifyAt: string,
): string {
  if ('duration' in offset) {
    return new Date(Date.parse(dueAt) + direction * durationMs(offset.duration)).toISOString();
  }
  // The last moment before the deadline names its day: a due instant at 00:00 belongs to the day before.
  const dueDay = dayAt(new Date(Date.parse(dueAt) - 1).toISOString(), CHINA_UTC_OFFSET_MINUTES);
  const day = calendar.addWorkingDays(dueDay, direction * offset.workingDays);
  return instantAt(day, notifyAt, CHINA_UTC_OFFSET_MINUTES);
}
