import { describe, expect, it } from 'vitest';
import { detectLargeValue, largeValueTransactionSchema } from '../../shared/risk/large-value/detect-large-value';
import { parseAmount } from '../../shared/money/parse';
import { exportLargeValueReports, largeValueReportsForDate, openLargeValueReports, reviewLargeValueReport, saveLargeValueReports, submitLargeValueReport } from './large-value-store';
import { riskStore } from './test-support/risk-store';

const tx = (id: string, amount: string) =>
  largeValueTransactionSchema.parse({
    id, customerId: 'C-1', customerName: '王小明', customerType: 'individual', businessDate: '2026-11-25',
    direction: 'out', channel: 'cash', crossBorder: false, amountMinor: parseAmount(amount, 'CNY'),
  });

describe('large-value report store', () => {
  it('tracks a report from generation through review and export to submission', () => {
    const db = riskStore();
    const saved = saveLargeValueReports(db, detectLargeValue([tx('T-1', '30000.00'), tx('T-2', '20000.00')]), { actor: 'system', at: '2026-11-25T18:00:00+08:00' });
    const id = 'LV-2026-11-25-C-1-cash-out';
    expect(saved).toEqual({ inserted: [id], refreshed: [], changedAfterReview: [] });
    expect(openLargeValueReports(db)).toMatchObject([{ reportId: id, status: 'generated', totalMinor: 5_000_000n, dueDate: '2026-12-02', single: false }]);

    expect(() => exportLargeValueReports(db, { reportIds: [id], format: 'csv', actor: 'risk.li', at: 't' })).toThrow(/cannot become exported/);
    reviewLargeValueReport(db, { reportId: id, actor: 'risk.li', at: '2026-11-26T09:00:00+08:00' });
    const xml = exportLargeValueReports(db, { reportIds: [id], format: 'xml', actor: 'risk.li', at: '2026-11-26T09:05:00+08:00' });
    expect(xml).toContain('<TotalAmount currency="CNY">50000.00</TotalAmount>');
    expect(() => submitLargeValueReport(db, { reportId: id, submissionRef: ' ', actor: 'risk.li', at: 't' })).toThrow(/reference/);
    const submitted = submitLargeValueReport(db, { reportId: id, submissionRef: 'PBOC-20261126-0001', actor: 'risk.li', at: '2026-11-26T10:00:00+08:00' });
    expect(submitted).toMatchObject({ status: 'submitted', reviewedBy: 'risk.li', submissionRef: 'PBOC-20261126-0001' });
    expect(openLargeValueReports(db)).toEqual([]);
  });

  it('refreshes an unreviewed report when the day is regenerated, and flags a reviewed one that changed', () => {
    const db = riskStore();
    const id = 'LV-2026-11-25-C-1-cash-out';
    saveLargeValueReports(db, detectLargeValue([tx('T-1', '50000.00')]), { actor: 'system', at: 't1' });
    expect(saveLargeValueReports(db, detectLargeValue([tx('T-1', '50000.00')]), { actor: 'system', at: 't2' })).toEqual({ inserted: [], refreshed: [], changedAfterReview: [] });
    expect(saveLargeValueReports(db, detectLargeValue([tx('T-1', '50000.00'), tx('T-2', '1.00')]), { actor: 'system', at: 't3' }).refreshed).toEqual([id]);
    expect(largeValueReportsForDate(db, '2026-11-25')[0]?.totalMinor).toBe(5_000_100n);
    reviewLargeValueReport(db, { reportId: id, actor: 'risk.li', at: 't4' });
    const later = saveLargeValueReports(db, detectLargeValue([tx('T-1', '50000.00')]), { actor: 'system', at: 't5' });
    expect(later.changedAfterReview).toEqual([id]);
    expect(largeValueReportsForDate(db, '2026-11-25')[0]).toMatchObject({ status: 'reviewed', totalMinor: 5_000_100n });
  });
});
