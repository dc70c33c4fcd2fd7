import { describe, expect, it } from 'vitest';
import { addWorkingDays, type WorkingCalendar } from '../../domain/calendar';
import { LARGE_VALUE_REPORT_WORKING_DAYS } from './large-value-rules';
import { isReportOverdue } from './detect-large-value';

/**
 * PBoC Order [2016] No. 3, art. 15: a large-value report is filed "within 5 working days of the day
 * the transaction occurred"; by Chinese rules of counting periods the starting day itself does not
 * count (民法典 art. 201). Checked on the calendar because issue 16 saw every top row "1 working
 * day overdue": the rule is right, the demo was a week of unfiled reports (fixed in the demo).
 */
describe('large-value due date', () => {
  const none: WorkingCalendar = { holidays: new Map(), workingWeekends: new Map() };
  it('is five working days after the business date, the day itself not counted', () => {
    expect(LARGE_VALUE_REPORT_WORKING_DAYS).toBe(5);
    // Friday 27 November 2026: Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 December.
    expect(addWorkingDays('2026-11-27', 5, none)).toBe('2026-12-04');
    // Monday 7 December 2026 -> Monday 14 December.
    expect(addWorkingDays('2026-12-07', 5, none)).toBe('2026-12-14');
  });
  it('skips holidays and counts declared working weekends', () => {
    const calendar: WorkingCalendar = { holidays: new Map([['2026-10-01', '国庆节'], ['2026-10-02', '国庆节'], ['2026-10-05', '国庆节'], ['2026-10-06', '国庆节'], ['2026-10-07', '国庆节']]), workingWeekends: new Map([['2026-10-10', '调休上班']]) };
    // Wednesday 30 September: Thu 8, Fri 9, Sat 10 (worked), Mon 12, Tue 13 October.
    expect(addWorkingDays('2026-09-30', 5, calendar)).toBe('2026-10-13');
  });
  it('is overdue only after the due date, never on it, and never once filed', () => {
    const report = { dueDate: '2026-12-04' };
    expect(isReportOverdue(report, 'generated', '2026-12-04')).toBe(false);
    expect(isReportOverdue(report, 'exported', '2026-12-07')).toBe(true);
    expect(isReportOverdue(report, 'submitted', '2026-12-07')).toBe(false);
  });
});
