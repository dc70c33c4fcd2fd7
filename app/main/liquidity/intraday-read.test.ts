import { describe, it, expect } from 'vitest';
import { seededStore } from '../store/test-support/test-store';
import type { AccountResponse } from '../../shared/contract/sync-protocol';
import { readIntraday } from './intraday-read';

const insert = `INSERT INTO payments (id, kind, priority, status, direction, from_id, to_id, amount_minor, currency,
  debtor_name, debtor_account, creditor_name, creditor_account, purpose, maker, created_at, updated_at, business_date)
  VALUES (@id, 'hvps', 1, @status, @direction, @from, @to, @amount, @currency, 'd', '1', 'c', '2', 'p', 'clerk1', @created, @updated, @date)`;

function store() {
  const db = seededStore();
  const add = (id: string, status: string, direction: 'out' | 'in', amount: bigint, updated: string, extra: { currency?: string; date?: string } = {}) =>
    db.prepare(insert).run({
      id, status, direction, amount, updated, created: '2026-11-26T00:10:00Z',
      from: direction === 'out' ? 'HKB' : 'ICBC', to: direction === 'out' ? 'ICBC' : 'HKB',
      currency: extra.currency ?? 'CNY', date: extra.date ?? '2026-11-26',
    });
  add('P1', 'settled', 'out', 30_000n, '2026-11-26T01:00:00Z');
  add('P2', 'settled', 'in', 10_000n, '2026-11-26T02:00:00Z');
  add('P3', 'queued', 'out', 7_000n, '2026-11-26T00:10:00Z');
  add('P4', 'settled', 'out', 99_900n, '2026-11-25T03:00:00Z', { date: '2026-11-25' }); // another day
  add('P5', 'settled', 'out', 55_500n, '2026-11-26T03:00:00Z', { currency: 'USD' }); // not CNY
  return db;
}

const account = (over: Partial<AccountResponse> = {}): AccountResponse => ({
  participant: 'HKB', currency: 'CNY', businessDate: '2026-11-26', balance: '800.00', available: '1300.00', netDebit: '0.00', netDebitCap: '0.00',
  creditLine: '500.00', ...over,
});

describe('liquidity.intraday from the console store', () => {
  it('takes only own CNY payments of the date, and the opening from the same-day account', () => {
    const r = readIntraday(store(), { account: account(), controls: null });
    expect(r.businessDate).toBe('2026-11-26');
    // Net settled flow = +100 - 300 = -200: opening 800 + 200.
    expect(r.openingBalance).toBe('1000.00');
    expect(r.monitors).toMatchObject({ sentValue: '300.00', sentCount: 1, receivedValue: '100.00', largestUsage: '300.00' });
    expect(r.curve.map((c) => c.available)).toEqual(['1500.00', '1200.00', '1300.00']);
    expect(r.queue).toEqual([{ hour: 8, count: 1, value: '70.00' }]);
  });

  it('an account of another day gives no opening; a chosen date reads that day', () => {
    expect(readIntraday(store(), { account: account({ businessDate: '2026-11-25' }), businessDate: '2026-11-26', controls: null }).openingBalance).toBeNull();
    const before = readIntraday(store(), { businessDate: '2026-11-25', account: null, controls: null });
    expect(before.monitors.sentValue).toBe('999.00');
  });
});
