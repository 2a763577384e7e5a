import { CHINA_UTC_OFFSET_MINUTES, dayAt, type Day } from '@duban/domain';
import type { Locale } from '../message.types';

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

/** A `YYYY-MM-DD` day as people write it: `2024年6月30日`, `30 June 2024`. */
export function formatDay(day: Day, locale: Locale): string {
  const [year, month, date] = day.split('-').map(Number);
  return locale === 'zh-CN'
    ? `${year}年${month}月${date}日`
    : `${date} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/**
 * The day an instant falls on in China, whatever the server's time zone: China keeps UTC+8 all
 * year, so this is arithmetic, not a time-zone lookup.
 */
export function chinaDate(iso: string, locale: Locale): string {
  return formatDay(dayAt(iso, CHINA_UTC_OFFSET_MINUTES), locale);
}

/**
 * The day a deadline names. A milestone due on 30 June is stored as the instant it passes,
 * 1 July 00:00 China time; the last moment before it is still 30 June (as in the domain's
 * `offsetFrom`), and that is the date people were given.
 */
export function chinaDueDate(dueAt: string, locale: Locale): string {
  return chinaDate(new Date(Date.parse(dueAt) - 1).toISOString(), locale);
}

/** Whole days in China from the day of `at` to the day a deadline names (0: due today). */
export function chinaDaysLeft(at: string, dueAt: string): number {
  const day = (iso: string) => Date.parse(dayAt(iso, CHINA_UTC_OFFSET_MINUTES));
  return Math.round((day(new Date(Date.parse(dueAt) - 1).toISOString()) - day(at)) / 86_400_000);
}

/** An instant as a person in China reads it: `2024年6月30日 14:05`, `30 June 2024, 14:05`. */
export function chinaDateTime(iso: string, locale: Locale): string {
  const local = new Date(Date.parse(iso) + CHINA_UTC_OFFSET_MINUTES * 60_000);
  const time = local.toISOString().slice(11, 16);
  return locale === 'zh-CN'
    ? `${chinaDate(iso, locale)} ${time}`
    : `${chinaDate(iso, locale)}, ${time}`;
}
