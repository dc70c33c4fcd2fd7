import { describe, it, expect } from 'vitest';
import { allowedValueDates, calendarOfValueDates, checkPaymentTiming, valueDaysAhead } from './payment-timing';

// 2026-11-26 is a Thursday. Five working days ahead: Fri 27, Mon 30, Tue 1, Wed 2, Thu 3 December.
const today = '2026-11-26';

describe('payment timing as the house checks it', () => {
  it('counts value dates in working days on the calendar the console has', () => {
    expect(valueDaysAhead(today, today)).toBe(0);
    expect(valueDaysAhead(today, '2026-11-27')).toBe(1);
    expect(valueDaysAhead(today, '2026-11-30')).toBe(2);
    expect(valueDaysAhead(today, '2026-12-03')).toBe(5);
    expect(valueDaysAhead(today, '2026-12-04')).toBeUndefined(); // six working days
    expect(valueDaysAhead(today, '2026-11-28')).toBeUndefined(); // Saturday
    expect(valueDaysAhead(today, '2026-11-25')).toBeUndefined(); // yesterday
    expect(valueDaysAhead(today, '2026-13-01')).toBeUndefined();
    // A holiday on Monday 30th pushes the fifth working day to Friday 4 December.
    expect(valueDaysAhead(today, '2026-12-04', new Set(['2026-11-30']))).toBe(5);
    expect(valueDaysAhead(today, '2026-11-30', new Set(['2026-11-30']))).toBeUndefined();
  });

  it('allows times on hvps only, earliest before latest, latest not yet passed', () => {
    const ctx = { businessDate: today, nowMinute: 10 * 60 };
    expect(checkPaymentTiming({ kind: 'hvps', earliest: '10:30', latest: '15:00' }, ctx)).toEqual([]);
    expect(checkPaymentTiming({ kind: 'beps', earliest: '10:30' }, ctx).map((i) => [i.path, i.code])).toEqual([['earliest', 'TIME_WINDOW']]);
    expect(checkPaymentTiming({ kind: 'hvps', earliest: '15:00', latest: '15:00' }, ctx).map((i) => i.messageZh)).toEqual(['最迟清算时间须晚于最早清算时间']);
    expect(checkPaymentTiming({ kind: 'hvps', latest: '09:59' }, ctx).map((i) => i.path)).toEqual(['latest']);
    expect(checkPaymentTiming({ kind: 'hvps', earliest: '24:00' }, ctx).map((i) => i.path)).toEqual(['earliest']);
    // A latest "passed" today is fine for a payment warehoused to a later day.
    expect(checkPaymentTiming({ kind: 'hvps', latest: '09:00', valueDate: '2026-11-27' }, ctx)).toEqual([]);
    expect(checkPaymentTiming({ kind: 'beps', valueDate: '2026-12-04' }, ctx).map((i) => [i.path, i.code])).toEqual([['valueDate', 'VALUE_DATE']]);
  });
});

describe('value-date window for the entry form', () => {
  it('lists today and the next 5 working days, and reads the calendar back from them', () => {
    const calendar = { holidays: new Map([['2026-11-27', '假日']]), workingWeekends: new Map([['2026-11-28', '调休']]) };
    const dates = allowedValueDates('2026-11-26', calendar);
    expect(dates).toEqual(['2026-11-26', '2026-11-28', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
    const back = calendarOfValueDates('2026-11-26', dates);
    expect([...back.holidays.keys()]).toEqual(['2026-11-27']);
    expect([...back.workingWeekends.keys()]).toEqual(['2026-11-28']);
    for (const d of dates) expect(valueDaysAhead('2026-11-26', d, back)).toBe(valueDaysAhead('2026-11-26', d, calendar));
  });
});
