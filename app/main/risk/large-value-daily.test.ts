import { describe, expect, it } from 'vitest';
import { insertPayment, type NewPayment } from '../payments/payment-repository';
import { EMPTY_WORKING_CALENDAR } from '../../shared/domain/calendar';
import { runDailyLargeValue } from './large-value-daily';
import { largeValueReportsForDate } from './large-value-store';
import { seededRiskStore } from './test-support/risk-store';

let seq = 0;
function stored(overrides: Partial<NewPayment>): NewPayment {
  seq += 1;
  return {
    id: `HKB-20261126-${String(seq).padStart(8, '0')}`, kind: 'hvps', priority: 1, status: 'settled', direction: 'out', fromId: 'HKB', toId: 'ICBC',
    amountMinor: 100n, currency: 'CNY', debtorName: '王小明', debtorAccount: '6222000011112222', creditorName: '武汉光谷科技有限公司',
    creditorAccount: '4201234567890123', purpose: '货款', billNumber: null, billIssueDate: null, billDrawer: null, originalId: null,
    maker: 'clerk1', checker: 'super1', reason: null, createdAt: '2026-11-26T02:00:00.000Z', updatedAt: '2026-11-26T02:00:00.000Z',
    businessDate: '2026-11-26', ...overrides,
  };
}

describe('daily large-value run over the payments', () => {
  it('reports a natural person paying out 500,000 in two settled payments, not what never moved', () => {
    const db = seededRiskStore();
    insertPayment(db, stored({ amountMinor: 30_000_000n }));
    insertPayment(db, stored({ amountMinor: 20_000_000n, status: 'netted' }));
    insertPayment(db, stored({ amountMinor: 90_000_000n, status: 'rejected' }));
    // Money in to a company: 1,999,999.99 stays under the corporate threshold.
    insertPayment(db, stored({ direction: 'in', fromId: 'ICBC', toId: 'HKB', amountMinor: 199_999_999n }));
    const company = (account: string) => (account === '4201234567890123' ? 'corporate' : 'individual');
    const result = runDailyLargeValue(db, { businessDate: '2026-11-26', customerTypeOf: company, calendar: EMPTY_WORKING_CALENDAR, actor: 'system', at: '2026-11-26T10:00:00.000Z' });
    expect(result.inserted).toEqual(['LV-2026-11-26-6222000011112222-individual_domestic_transfer-out']);
    expect(largeValueReportsForDate(db, '2026-11-26')).toMatchObject([
      { customerName: '王小明', totalMinor: 50_000_000n, single: false, transactionIds: ['HKB-20261126-00000001', 'HKB-20261126-00000002'], dueDate: '2026-12-03' },
    ]);
  });
});
