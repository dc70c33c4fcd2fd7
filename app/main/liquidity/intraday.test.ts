import { describe, it, expect } from 'vitest';
import { computeIntraday, hourUtc8, type IntradayPayment } from './intraday';

// A hand-made day (business clock UTC+8 = Z + 8h); the figures below were worked out by hand.
const p = (direction: 'out' | 'in', status: string, yuan: number, at: string): IntradayPayment => ({
  direction,
  status,
  amountMinor: BigInt(yuan) * 100n,
  createdAt: at,
  updatedAt: at,
});
const day: IntradayPayment[] = [
  p('out', 'settled', 300, '2026-11-26T01:30:00Z'), // 09:30, flow -500 (after the 07:30 one)
  p('in', 'settled', 100, '2026-11-26T02:15:00Z'), // 10:15, flow -400
  p('out', 'settled', 500, '2026-11-26T03:00:00Z'), // 11:00, flow -900: the lowest point
  p('in', 'settled', 900, '2026-11-26T06:45:00Z'), // 14:45, flow 0
  p('out', 'settled', 200, '2026-11-25T23:30:00Z'), // 07:30, flow -200, counts in the 08 bucket
  p('out', 'settled', 50, '2026-11-26T10:30:00Z'), // 18:30, flow -50, after the window
  p('out', 'queued', 400, '2026-11-26T05:10:00Z'), // captured 13:10
  p('out', 'queued', 100, '2026-11-26T05:50:00Z'), // captured 13:50
  p('out', 'queued', 70, '2026-11-26T07:00:00Z'), // captured 15:00
  p('in', 'rejected', 1000, '2026-11-26T04:00:00Z'), // moves nothing
];

describe('intraday liquidity (BCBS 248 monitors)', () => {
  it('works the opening back from the balance now and draws the curve per settled payment', () => {
    const r = computeIntraday({ businessDate: '2026-11-26', payments: day, balanceMinor: 1_000_000n, creditLineMinor: 200_000n, netDebitMinor: 50_000n, reservationFloorMinor: 300_000n });
    // Net settled flow = received 1000 - sent 1050 = -50, so the opening is 10000 + 50.
    expect(r.openingBalance).toBe('10050.00');
    expect(r.reservationFloor).toBe('3000.00');
    expect(r.curve.map((c) => [c.at, c.netFlow, c.balance])).toEqual([
      [null, '0.00', '10050.00'],
      ['2026-11-25T23:30:00Z', '-200.00', '9850.00'],
      ['2026-11-26T01:30:00Z', '-500.00', '9550.00'],
      ['2026-11-26T02:15:00Z', '-400.00', '9650.00'],
      ['2026-11-26T03:00:00Z', '-900.00', '9150.00'],
      ['2026-11-26T06:45:00Z', '0.00', '10050.00'],
      ['2026-11-26T10:30:00Z', '-50.00', '10000.00'],
    ]);
    // Available = balance + credit line 2000 - net debit 500.
    expect(r.curve[4]?.available).toBe('10650.00');
    expect(r.monitors).toEqual({
      largestUsage: '900.00',
      largestUsageAt: '2026-11-26T03:00:00Z',
      sentValue: '1050.00',
      sentCount: 4,
      receivedValue: '1000.00',
      receivedCount: 2,
    });
  });

  it('throughput: sent value settled per hour 08-18 and the cumulative share (basis points)', () => {
    const r = computeIntraday({ businessDate: '2026-11-26', payments: day, balanceMinor: null, creditLineMinor: null, netDebitMinor: null, reservationFloorMinor: null });
    expect(r.throughput.map((t) => t.hour)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    // 200/1050 = 19.04%, 300/1050 = 28.57%, 500/1050 = 47.61% (floored); 50 settled after 18:00 never counts.
    expect(r.throughput.map((t) => [t.sentValue, t.shareBp, t.cumulativeShareBp])).toEqual([
      ['200.00', 1904, 1904],
      ['300.00', 2857, 4761],
      ['0.00', 0, 4761],
      ['500.00', 4761, 9523],
      ['0.00', 0, 9523],
      ['0.00', 0, 9523],
      ['0.00', 0, 9523],
      ['0.00', 0, 9523],
      ['0.00', 0, 9523],
      ['0.00', 0, 9523],
    ]);
    expect(r.queue).toEqual([
      { hour: 13, count: 2, value: '500.00' },
      { hour: 15, count: 1, value: '70.00' },
    ]);
    // Without a synced account: the net flow only.
    expect(r.openingBalance).toBeNull();
    expect(r.curve[4]).toEqual({ at: '2026-11-26T03:00:00Z', netFlow: '-900.00', balance: null, available: null });
  });

  it('a day that never dips below the opening uses nothing; an empty day is all zeros', () => {
    const up = computeIntraday({ businessDate: 'd', payments: [p('in', 'settled', 5, '2026-11-26T01:00:00Z'), p('out', 'settled', 5, '2026-11-26T02:00:00Z')], balanceMinor: 0n, creditLineMinor: null, netDebitMinor: null, reservationFloorMinor: null });
    expect(up.monitors.largestUsage).toBe('0.00');
    expect(up.monitors.largestUsageAt).toBeNull();
    const empty = computeIntraday({ businessDate: 'd', payments: [], balanceMinor: 0n, creditLineMinor: null, netDebitMinor: null, reservationFloorMinor: null });
    expect(empty.curve).toEqual([{ at: null, netFlow: '0.00', balance: '0.00', available: null }]);
    expect(empty.throughput.every((t) => t.cumulativeShareBp === 0)).toBe(true);
  });

  it('reads hours on the business clock', () => {
    expect(hourUtc8('2026-11-25T23:30:00Z')).toBe(7);
    expect(hourUtc8('2026-11-26T10:00:00.000Z')).toBe(18);
    expect(() => hourUtc8('nope')).toThrow(/bad timestamp/);
  });
});
