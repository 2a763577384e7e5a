import { WorkingCalendar } from '@duban/domain';
import { statutoryCalendarData } from './statutory-calendar';

describe('the statutory working-day calendar', () => {
  const calendar = new WorkingCalendar(statutoryCalendarData());

  it('covers the years the package publishes, 2024 to 2026 among them', () => {
    const { coveredYears } = statutoryCalendarData();
    expect(coveredYears).toEqual(expect.arrayContaining([2024, 2025, 2026]));
    expect(coveredYears).not.toContain(2027);
  });

  it('knows the 2024 National Day week and its make-up Saturdays (调休)', () => {
    for (const day of ['2024-10-01', '2024-10-04', '2024-10-07']) {
      expect(calendar.isWorkingDay(day)).toBe(false);
    }
    expect(calendar.isWorkingDay('2024-09-29')).toBe(true); // Sunday, worked
    expect(calendar.isWorkingDay('2024-10-12')).toBe(true); // Saturday, worked
    expect(calendar.isWorkingDay('2024-10-08')).toBe(true);
    expect(calendar.isWorkingDay('2024-10-13')).toBe(false); // an ordinary Sunday
  });

  it('counts working days across the Spring Festival of 2024', () => {
    // Days off 02-10 to 02-17; Sunday 02-18 is worked.
    expect(calendar.addWorkingDays('2024-02-09', 1)).toBe('2024-02-18');
    expect(calendar.addWorkingDays('2024-02-18', -1)).toBe('2024-02-09');
    expect(calendar.addWorkingDays('2024-02-12', 0)).toBe('2024-02-18');
  });

  it('falls back to Monday–Friday, with a warning, for a year it does not cover', () => {
    expect(calendar.warningFor(2024)).toBeNull();
    expect(calendar.warningFor(2027)).toMatchObject({
      code: 'CALENDAR_YEAR_NOT_COVERED',
      year: 2027,
    });
    expect(calendar.isWorkingDay('2027-10-01')).toBe(true); // a Friday, whatever the holiday
    expect(calendar.isWorkingDay('2027-10-02')).toBe(false);
  });
});
