import type { Locale } from '../message.types';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The calendar date of an instant in China (UTC+8, no daylight saving), for people to read. */
export function chinaDate(iso: string, locale: Locale): string {
  const local = new Date(Date.parse(iso) + CHINA_OFFSET_MS);
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()];
  return locale === 'en' ? `${d} ${MONTHS[m]} ${y}` : `${y}年${m + 1}月${d}日`;
}

/** A `YYYY-MM-DD` day as `chinaDate` writes it. */
export function chinaDay(day: string, locale: Locale): string {
  return chinaDate(`${day}T00:00:00+08:00`, locale);
}

/** A deadline is the instant its day ends, so the day shown is the one just before it. */
export function deadlineDate(dueAt: string, locale: Locale): string {
  return chinaDate(new Date(Date.parse(dueAt) - 1).toISOString(), locale);
}
