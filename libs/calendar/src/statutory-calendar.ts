import chineseDays from 'chinese-days/dist/chinese-days.json';
import type { WorkingCalendarData } from '@duban/domain';

interface ChineseDaysData {
  /** Day → "English name,中文名,length": statutory days off. */
  readonly holidays: Readonly<Record<string, string>>;
  /** Day → the holiday it makes up for: weekend days that are worked (调休). */
  readonly workdays: Readonly<Record<string, string>>;
}

/**
 * China's statutory holidays and make-up working days as the `chinese-days` package publishes
 * them (through 2026 in the version we use). A year is covered when the data names at least one
 * of its holidays; every published year has New Year's Day.
 */
export function statutoryCalendarData(
  data: ChineseDaysData = chineseDays as ChineseDaysData,
): WorkingCalendarData {
  const holidays = Object.keys(data.holidays).sort();
  const years = new Set(holidays.map((day) => Number(day.slice(0, 4))));
  return {
    coveredYears: [...years].sort((a, b) => a - b),
    holidays,
    makeUpWorkdays: Object.keys(data.workdays).sort(),
  };
}
