import { describe, expect, it } from 'vitest';
import { calendarYearSchema, describeCalendarIssue, parseCalendarYear, workingCalendarOf } from './calendar-file';
import { isWorkingDay } from './calendar';

const good = {
  year: 2026,
  source: 'test',
  holidays: [{ date: '2026-10-01', name: '国庆节' }],
  workingWeekends: [{ date: '2026-10-10', name: '调休上班' }],
};

const problem = (value: unknown): string => {
  const parsed = calendarYearSchema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return describeCalendarIssue(parsed.error);
};

describe('calendar file', () => {
  it('reads a good file into a calendar', () => {
    const calendar = workingCalendarOf([parseCalendarYear(JSON.stringify(good))]);
    expect(calendar.holidays.get('2026-10-01')).toBe('国庆节');
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false);
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true);
  });

  it('takes a file without working weekends, and holidays that fall on a weekend', () => {
    const parsed = calendarYearSchema.parse({ year: 2026, source: 'x', holidays: [{ date: '2026-10-03', name: '国庆节' }] });
    expect(parsed.workingWeekends).toEqual([]);
  });


  it.each([
    ['a date outside the year', { ...good, holidays: [{ date: '2027-01-01', name: '元旦' }] }, /holidays\.0\.date: 2027-01-01 is not in 2026/],
    ['a date in both lists', { ...good, holidays: [{ date: '2026-10-10', name: '国庆节' }] }, /2026-10-10 is both a holiday and a working weekend day/],
    ['a weekday as a working weekend', { ...good, workingWeekends: [{ date: '2026-10-09', name: '调休上班' }] }, /2026-10-09 is not a Saturday or Sunday/],
    ['a date listed twice', { ...good, holidays: [good.holidays[0], good.holidays[0]] }, /listed twice/],
    ['an impossible date', { ...good, holidays: [{ date: '2026-02-30', name: 'x' }] }, /holidays\.0\.date: must be a real date/],
    ['a badly written date', { ...good, holidays: [{ date: '1 Oct 2026', name: 'x' }] }, /must be a real date/],
    ['a day without a name', { ...good, holidays: [{ date: '2026-10-01', name: ' ' }] }, /needs a name/],
    ['no source', { ...good, source: '' }, /source: say where the dates come from/],
    ['an unknown field', { ...good, official: true }, /official|unrecognized/i],
    ['an unknown field on a day', { ...good, holidays: [{ date: '2026-10-01', name: 'x', paid: true }] }, /paid|unrecognized/i],
    ['a year out of range', { ...good, year: 1899 }, /year/],
    ['a fractional year', { ...good, year: 2026.5 }, /year/],
    ['holidays not a list', { ...good, holidays: '2026-10-01' }, /holidays/],
    ['too many days', { ...good, holidays: Array.from({ length: 367 }, () => good.holidays[0]) }, /holidays/],
    ['not an object', [good], /expected object/i],
  ])('refuses %s', (_label, value, message) => {
    expect(problem(value)).toMatch(message);
  });

  it('refuses text that is not JSON, naming the problem', () => {
    expect(() => parseCalendarYear('{"year": 2026,')).toThrow(/not JSON/);
    expect(() => parseCalendarYear('{"year": 2026, "source": "x", "holidays": [{"date": "2026-13-01", "name": "x"}]}')).toThrow(
      /the calendar file is not valid: holidays\.0\.date: must be a real date/,
    );
  });
});
