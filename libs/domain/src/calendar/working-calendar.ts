import { addDays, weekday, yearOf, type Day } from './days';

/**
 * The statutory calendar as data, so workflows can hold it: which years it knows, the days off
 * by law (holidays, including the weekend days they absorb) and the make-up working days (调休,
 * weekend days that are worked). Built outside pure code, e.g. from the `chinese-days` package.
 */
export interface WorkingCalendarData {
  readonly coveredYears: readonly number[];
  readonly holidays: readonly Day[];
  readonly makeUpWorkdays: readonly Day[];
}

export interface CalendarWarning {
  readonly code: 'CALENDAR_YEAR_NOT_COVERED';
  readonly year: number;
  readonly message: string;
  readonly messageEn: string;
}

/** A working-day calendar: statutory where the data covers the year, Monday–Friday elsewhere. */
export class WorkingCalendar {
  private readonly covered: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<Day>;
  private readonly makeUp: ReadonlySet<Day>;

  constructor(data: WorkingCalendarData) {
    this.covered = new Set(data.coveredYears);
    this.holidays = new Set(data.holidays);
    this.makeUp = new Set(data.makeUpWorkdays);
  }

  covers(year: number): boolean {
    return this.covered.has(year);
  }

  /** What a plan year outside the data means for its deadlines; null when it is covered. */
  warningFor(year: number): CalendarWarning | null {
    if (this.covers(year)) return null;
    return {
      code: 'CALENDAR_YEAR_NOT_COVERED',
      year,
      message: `${year} 年的法定节假日与调休安排尚未收录，工作日暂按周一至周五计算`,
      messageEn: `the statutory holidays of ${year} are not known yet; working days are Monday to Friday`,
    };
  }

  isWorkingDay(day: Day): boolean {
    if (this.covers(yearOf(day))) {
      if (this.makeUp.has(day)) return true;
      if (this.holidays.has(day)) return false;
    }
    const dow = weekday(day);
    return dow !== 0 && dow !== 6;
  }

  /**
   * The day `count` working days after `day` (before it, if negative). Zero answers `day` itself
   * when it is a working day, else the next working day: a deadline on a Sunday falls due on
   * Monday.
   */
  addWorkingDays(day: Day, count: number): Day {
    const step = count < 0 ? -1 : 1;
    let current = day;
    if (count === 0) {
      while (!this.isWorkingDay(current)) current = addDays(current, 1);
      return current;
    }
    for (let left = Math.abs(count); left > 0;) {
      current = addDays(current, step);
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }
}

/** Monday–Friday only: for tests, and where no statutory data is available at all. */
export const WEEKDAYS_ONLY: WorkingCalendarData = {
  coveredYears: [],
  holidays: [],
  makeUpWorkdays: [],
};

/** The part of the calendar data for some years: what a workflow of one plan year carries. */
export function calendarYears(
  data: WorkingCalendarData,
  years: readonly number[],
): WorkingCalendarData {
  const wanted = (day: Day) => years.includes(yearOf(day));
  return {
    coveredYears: data.coveredYears.filter((year) => years.includes(year)),
    holidays: data.holidays.filter(wanted),
    makeUpWorkdays: data.makeUpWorkdays.filter(wanted),
  };
}
