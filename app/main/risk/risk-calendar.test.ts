import { describe, expect, it } from 'vitest';
import { PARAMS } from '../../shared/risk/rules/testing/rule-fixtures';
import { offHoursRule } from '../../shared/risk/rules/pattern-rules';
import { riskContextSchema, riskPaymentSchema } from '../../shared/risk/rules/risk-input';
import { storeCalendarYear } from '../settings/working-calendar';
import { calendarContext } from './risk-calendar';
import { seededRiskStore } from './test-support/risk-store';

describe('the off-hours rule reads the calendar the house published', () => {
  it('is empty before any calendar arrives, then follows holidays and working weekends', () => {
    const db = seededRiskStore();
    expect(calendarContext(db)).toEqual({ holidays: [], workingWeekends: [] });
    storeCalendarYear(db, {
      year: 2026,
      source: 'test',
      holidays: [{ date: '2026-10-01', name: '国庆节' }],
      workingWeekends: [{ date: '2026-10-10', name: '调休上班' }],
    });
    const context = riskContextSchema.parse({ history: [], ...calendarContext(db) });
    const payment = (at: string) =>
      riskPaymentSchema.parse({ id: 'p1', kind: 'hvps', amountMinor: 5_000_000n, customerId: 'c1', customerType: 'individual', counterpartyKey: 'k', counterpartyCountry: 'CN', at, businessDate: at.slice(0, 10) });
    const params = PARAMS.off_hours; // 08:30-17:30 Beijing time, weekends off, from 10,000.00
    // A Thursday holiday at ten in the morning is off-hours; the working Saturday after it is not.
    expect(offHoursRule(payment('2026-10-01T10:00:00+08:00'), context, params)?.explanation.zh).toContain('节假日');
    expect(offHoursRule(payment('2026-10-10T10:00:00+08:00'), context, params)).toBeNull();
    expect(offHoursRule(payment('2026-10-11T10:00:00+08:00'), context, params)?.explanation.zh).toContain('周末');
  });
});
