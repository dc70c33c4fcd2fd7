import { describe, expect, it } from 'vitest';
import { addWorkingDays, EMPTY_WORKING_CALENDAR, initialBusinessDate, isWorkingDay, nextWorkingDay, type WorkingCalendar } from './calendar';

const days = (from: string, to: string, name: string): Array<[string, string]> => {
  const out: Array<[string, string]> = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) out.push([d.toISOString().slice(0, 10), name]);
  return out;
};

/**
 * A Spring-festival-like week (not an official calendar): Sunday 2026-02-15 to Monday
 * 2026-02-23 off, Saturdays 2026-02-14 and 2026-02-28 worked; New Year's Day to Saturday
 * 2027-01-02 off with Sunday 2027-01-03 worked.
 */
const calendar: WorkingCalendar = {
  holidays: new Map([...days('2026-02-15', '2026-02-23', '春节'), ...days('2027-01-01', '2027-01-02', '元旦')]),
  workingWeekends: new Map([
    ['2026-02-14', '调休上班'],
    ['2026-02-28', '调休上班'],
    ['2027-01-03', '调休上班'],
  ]),
};

describe('working calendar', () => {
  it('a holiday week is not worked, a declared Saturday is', () => {
    expect(isWorkingDay('2026-02-14', calendar)).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay('2026-02-16', calendar)).toBe(false); // Monday, 春节
    expect(isWorkingDay('2026-02-23', calendar)).toBe(false); // Monday, last day off
    expect(isWorkingDay('2026-02-24', calendar)).toBe(true);
    expect(isWorkingDay('2026-02-21', calendar)).toBe(false); // Saturday inside the holiday
    expect(isWorkingDay('2026-03-07', calendar)).toBe(false); // an ordinary Saturday
  });

  it('the next working day jumps the holiday week and lands on a working Saturday', () => {
    expect(nextWorkingDay('2026-02-13', calendar)).toBe('2026-02-14'); // Friday -> working Saturday
    expect(nextWorkingDay('2026-02-14', calendar)).toBe('2026-02-24'); // over 春节
    expect(nextWorkingDay('2026-02-27', calendar)).toBe('2026-02-28');
    expect(nextWorkingDay('2026-02-13')).toBe('2026-02-16'); // no calendar: Monday
  });

  it('adds working days across the holiday and both working Saturdays', () => {
    // Thu 12, Fri 13 -> Sat 14 (1), Tue 24 (2), Wed 25 (3), Thu 26 (4), Fri 27 (5).
    expect(addWorkingDays('2026-02-12', 5, calendar)).toBe('2026-02-26');
    expect(addWorkingDays('2026-02-12', 6, calendar)).toBe('2026-02-27');
    expect(addWorkingDays('2026-02-12', 7, calendar)).toBe('2026-02-28');
    expect(addWorkingDays('2026-02-12', 5)).toBe('2026-02-19');
  });

  it('crosses the year boundary', () => {
    // Thu 2026-12-31 + 1: Fri 1 and Sat 2 are 元旦, Sunday 3 is worked.
    expect(nextWorkingDay('2026-12-31', calendar)).toBe('2027-01-03');
    expect(addWorkingDays('2026-12-30', 3, calendar)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-30', 3)).toBe('2027-01-04'); // 31, Fri 1, Mon 4
  });

  it('moves a new business date back past holidays, and onto a working Sunday', () => {
    // 2026-02-20 10:00 in Wuhan is 春节: the last working day was Saturday 14.
    expect(initialBusinessDate(new Date('2026-02-20T02:00:00Z'), calendar)).toBe('2026-02-14');
    expect(initialBusinessDate(new Date('2027-01-03T02:00:00Z'), calendar)).toBe('2027-01-03');
    expect(initialBusinessDate(new Date('2027-01-03T02:00:00Z'))).toBe('2027-01-01'); // no calendar: Friday
  });

  it('an empty calendar and a bare holiday set behave as before', () => {
    for (const date of ['2026-02-14', '2026-02-16', '2026-11-26', '2026-11-28']) {
      expect(isWorkingDay(date, EMPTY_WORKING_CALENDAR)).toBe(isWorkingDay(date));
    }
    expect(addWorkingDays('2026-11-26', 5, new Set(['2026-11-27']))).toBe('2026-12-04');
    expect(isWorkingDay('2026-11-27', new Set(['2026-11-27']))).toBe(false);
  });
});
