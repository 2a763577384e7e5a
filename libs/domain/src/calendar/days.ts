/**
 * Calendar days as `YYYY-MM-DD` text: a deadline is a day in China, not an instant, so no time
 * zone may move it. Arithmetic goes through UTC midnight, which has no daylight saving.
 */
export type Day = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function utcMidnight(day: Day): number {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

export function addDays(day: Day, days: number): Day {
  return new Date(utcMidnight(day) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return new Date(utcMidnight(day)).getUTCDay();
}

export function yearOf(day: Day): number {
  return Number(day.slice(0, 4));
}

/** The day a given instant falls on at a UTC offset (China: +8 hours, no daylight saving). */
export function dayAt(instant: string, utcOffsetMinutes: number): Day {
  return new Date(Date.parse(instant) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The instant of a local wall-clock time (`HH:MM`) on a day at a UTC offset. */
export function instantAt(day: Day, time: string, utcOffsetMinutes: number): string {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return new Date(
    utcMidnight(day) + (hours * 60 + minutes - utcOffsetMinutes) * 60_000,
  ).toISOString();
}
