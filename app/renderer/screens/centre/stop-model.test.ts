import { describe, expect, it } from 'vitest';
import type { CentrePayment } from '../../../shared/contract/centre-payment-api';
import { stopActions } from './stop-model';

const queued: CentrePayment = { id: 'P1', kind: 'hvps', from: 'HKB', to: 'ICBC', amount: '10.00', currency: 'CNY', priority: 2, status: 'queued', businessDate: '2026-12-07', stop: null, stops: [] };
const stopped: CentrePayment = { ...queued, stop: { by: 'centre', operator: 'op1', at: '2026-12-07T02:00:00.000Z', reason: '协查' } };

describe('stopActions', () => {
  it('offers stop for a waiting payment and release for a stopped one', () => {
    expect(stopActions(queued, true)).toEqual({ stop: null, release: 'notStopped' });
    expect(stopActions({ ...queued, status: 'scheduled', kind: 'beps' }, true)).toEqual({ stop: null, release: 'notStopped' });
    expect(stopActions(stopped, true)).toEqual({ stop: 'alreadyStopped', release: null });
    // The centre lifts a bank's own stop too (the engine's rule).
    expect(stopActions({ ...queued, stop: { by: 'HKB', at: '2026-12-07T02:00:00.000Z', reason: 'x' } }, true).release).toBeNull();
  });
  it('says why not: final, a bill, the auditor', () => {
    for (const status of ['settled', 'rejected', 'cancelled', 'expired', 'netted', 'returned'] as const) expect(stopActions({ ...queued, status }, true), status).toEqual({ stop: 'final', release: 'final' });
    expect(stopActions({ ...queued, kind: 'bill' }, true).stop).toBe('bill');
    expect(stopActions(queued, false)).toEqual({ stop: 'readOnly', release: 'readOnly' });
    expect(stopActions(stopped, false)).toEqual({ stop: 'readOnly', release: 'readOnly' });
  });
});
