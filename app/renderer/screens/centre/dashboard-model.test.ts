import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../shared/contract/centre-api';
import { addSample, gridlockShare, liquidityOption, perMinuteOption, storeSize } from './dashboard-model';

const t = (key: string) => key;
const board = (over: Partial<Dashboard> = {}): Dashboard =>
  ({
    at: '2026-12-07T02:00:00.000Z',
    businessDate: '2026-12-07',
    paymentsPerMinute: [{ minute: '2026-12-07T01:59:00.000Z', hvps: 2, beps: 5, bill: 1 }],
    today: { payments: 8, settledCount: 3, settledValue: '300.00', rejected: 0 },
    transit: { under5s: 3, from5To60s: 0, over60s: 0, p50Seconds: 0.2, p99Seconds: 0.9 },
    queues: [],
    gridlock: { queuedValue: '150.00', releasableValue: '50.00', releasablePayments: 1 },
    liquidity: [{ participantId: 'A', name: 'A', suspended: false, balance: '10.00', available: '8.00', netDebit: '2.00', netDebitCap: '5.00', capUsedPercent: 40 }],
    cycle: { openCycleId: 1, day: { businessDate: '2026-12-07', schedule: null, phase: null, next: null, nextCutoff: null } },
    health: { commitP50Ms: 1, commitP99Ms: 2, batchSizeAvg: 1, storeBytes: 5 * 1024 * 1024, inputQueueDepth: 0, consoles: [] },
    alerts: [],
    ...over,
  }) as Dashboard;

describe('the centre dashboard model', () => {
  it('keeps one settled-value point per refresh and starts again on a new day', () => {
    const one = addSample([], board());
    const two = addSample(one, board({ at: '2026-12-07T02:00:05.000Z', today: { payments: 9, settledCount: 4, settledValue: '400.00', rejected: 0 } }));
    expect(two.map((s) => s.settledValue)).toEqual(['300.00', '400.00']);
    const nextDay = addSample(two, board({ today: { payments: 0, settledCount: 0, settledValue: '0.00', rejected: 0 } }));
    expect(nextDay).toHaveLength(1);
    expect(addSample(Array.from({ length: 5 }, () => one[0]!), board(), 3)).toHaveLength(3);
  });
  it('stacks payments per minute by kind on the centre clock and draws every bank', () => {
    const option = perMinuteOption(board(), t);
    expect((option.xAxis as { data: string[] }).data).toEqual(['09:59']);
    expect((option.series as Array<{ data: number[]; stack: string }>).map((s) => s.data[0])).toEqual([2, 5, 1]);
    const liquidity = liquidityOption(board(), t, 'zh-CN');
    expect((liquidity.series as Array<{ data: number[] }>).map((s) => s.data)).toEqual([[8], [2], [5]]);
  });
  it('says how much of the queue an offset would release, and sizes the store', () => {
    expect(gridlockShare(board())).toBe(33);
    expect(gridlockShare(board({ gridlock: { queuedValue: '0.00', releasableValue: '0.00', releasablePayments: 0 } }))).toBeNull();
    expect(storeSize(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(storeSize(null)).toBe('—');
  });
});
