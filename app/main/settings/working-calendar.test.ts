import { describe, expect, it } from 'vitest';
import { insertPayment, type NewPayment } from '../payments/payment-repository';
import { runDailyLargeValue } from '../risk/large-value-daily';
import { largeValueReportsForDate } from '../risk/large-value-store';
import { largeValuePage } from '../risk/large-value-queries';
import { seededRiskStore } from '../risk/test-support/risk-store';
import { storeCalendarYear, storedCalendarYears, workingCalendar } from './working-calendar';

/** A National-Day-like week (test data, not the official calendar). */
const october = {
  year: 2026,
  source: 'test',
  holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, name: '国庆节' })),
  workingWeekends: [{ date: '2026-10-10', name: '调休上班' }],
};

const payment = (id: string): NewPayment => ({
  id, kind: 'hvps', priority: 1, status: 'settled', direction: 'out', fromId: 'HKB', toId: 'ICBC',
  amountMinor: 60_000_000n, currency: 'CNY', debtorName: '王小明', debtorAccount: '6222000011112222', creditorName: '武汉光谷科技有限公司',
  creditorAccount: '4201234567890123', purpose: '货款', billNumber: null, billIssueDate: null, billDrawer: null, originalId: null,
  maker: 'clerk1', checker: 'super1', reason: null, createdAt: '2026-09-29T02:00:00.000Z', updatedAt: '2026-09-29T02:00:00.000Z',
  businessDate: '2026-09-29',
});

describe('console working calendar', () => {
  it('is empty until the house sends a year; a year sent again replaces it', () => {
    const db = seededRiskStore();
    expect(storedCalendarYears(db)).toEqual([]);
    expect(workingCalendar(db).holidays.size).toBe(0);
    storeCalendarYear(db, { ...october, source: 'first' });
    storeCalendarYear(db, { year: 2027, source: 'next', holidays: [{ date: '2027-01-01', name: '元旦' }], workingWeekends: [] });
    storeCalendarYear(db, october);
    expect(storedCalendarYears(db).map((y) => [y.year, y.source])).toEqual([[2026, 'test'], [2027, 'next']]);
    expect(workingCalendar(db).holidays.get('2027-01-01')).toBe('元旦');
    expect(workingCalendar(db).workingWeekends.get('2026-10-10')).toBe('调休上班');
  });

  it('a stored year that is no longer valid is an error, not a silent Monday-to-Friday', () => {
    const db = seededRiskStore();
    db.prepare("INSERT INTO settings (key, value) VALUES ('working_calendar.2026', ?)").run(JSON.stringify({ ...october, workingWeekends: [{ date: '2026-10-09', name: 'x' }] }));
    expect(() => workingCalendar(db)).toThrow(/stored working_calendar\.2026 is not a valid calendar: workingWeekends\.0\.date: 2026-10-09 is not a Saturday or Sunday/);
  });

  it('moves a large-value report due date over the holiday week', () => {
    const db = seededRiskStore();
    const run = () => runDailyLargeValue(db, { businessDate: '2026-09-29', customerTypeOf: () => 'individual', calendar: workingCalendar(db), actor: 'system', at: '2026-09-29T10:00:00.000Z' });
    insertPayment(db, payment('HKB-20260929-00000001'));
    run();
    // Monday to Friday only: Tuesday 29 September + 5 working days = Tuesday 6 October.
    expect(largeValueReportsForDate(db, '2026-09-29').map((r) => r.dueDate)).toEqual(['2026-10-06']);

    storeCalendarYear(db, october);
    db.prepare('DELETE FROM large_value_reports').run();
    run();
    // 30 September (1), 8 (2), 9 (3), working Saturday 10 (4), Monday 12 (5).
    expect(largeValueReportsForDate(db, '2026-09-29').map((r) => r.dueDate)).toEqual(['2026-10-12']);
    // On 30 September the screen counts 4 working days left, not 8 calendar days.
    expect(largeValuePage(db, { status: 'all' }, 10, '2026-09-30').rows.map((r) => r.workingDaysLeft)).toEqual([4]);
  });
});
