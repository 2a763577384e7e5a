import { addDays, dayAt, instantAt, weekday } from './days';
import { WEEKDAYS_ONLY, WorkingCalendar } from './working-calendar';

const CHINA = 8 * 60;

describe('days', () => {
  it('add across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(weekday('2024-10-01')).toBe(2);
  });

  it('convert between instants and China days and wall-clock times', () => {
    expect(dayAt('2024-06-30T16:30:00.000Z', CHINA)).toBe('2024-07-01');
    expect(dayAt('2024-06-30T15:59:59.999Z', CHINA)).toBe('2024-06-30');
    expect(instantAt('2024-07-01', '09:00', CHINA)).toBe('2024-07-01T01:00:00.000Z');
  });

  it('refuse what is not a day', () => {
    expect(() => addDays('2024-7-1', 1)).toThrow(RangeError);
  });
});

describe('WorkingCalendar', () => {
  const calendar = new WorkingCalendar({
    coveredYears: [2024],
    holidays: ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07'],
    makeUpWorkdays: ['2024-10-12'],
  });

  it('treats statutory days off as non-working and make-up Saturdays as working', () => {
    expect(calendar.isWorkingDay('2024-10-02')).toBe(false);
    expect(calendar.isWorkingDay('2024-10-12')).toBe(true);
    expect(calendar.isWorkingDay('2024-10-13')).toBe(false);
    expect(calendar.isWorkingDay('2024-10-08')).toBe(true);
  });

  it('counts working days forward and backward over the holiday', () => {
    expect(calendar.addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    expect(calendar.addWorkingDays('2024-10-08', 3)).toBe('2024-10-11');
    expect(calendar.addWorkingDays('2024-10-11', 1)).toBe('2024-10-12');
    expect(calendar.addWorkingDays('2024-10-08', -1)).toBe('2024-09-30');
  });

  it('moves a day off forward to the next working day for zero', () => {
    expect(calendar.addWorkingDays('2024-10-01', 0)).toBe('2024-10-08');
    expect(calendar.addWorkingDays('2024-10-08', 0)).toBe('2024-10-08');
  });

  it('ignores holiday data for years it does not cover, and says so', () => {
    const partial = new WorkingCalendar({
      coveredYears: [],
      holidays: ['2024-10-01'],
      makeUpWorkdays: [],
    });
    expect(partial.isWorkingDay('2024-10-01')).toBe(true);
    expect(partial.warningFor(2024)?.message).toContain('周一至周五');
    expect(new WorkingCalendar(WEEKDAYS_ONLY).addWorkingDays('2024-10-04', 1)).toBe('2024-10-07');
  });
});
