import { describe, expect, it } from 'vitest';
import { runScenario } from './scenario';
import { createEngine, restoreEngine } from './engine';

const participants = [
  { id: 'A', balance: '100.00', netDebitCap: '100.00' },
  { id: 'B', balance: '0.00', netDebitCap: '100.00' },
  { id: 'C', balance: '0.00', netDebitCap: '100.00' },
];

describe('stop payment (止付)', () => {
  it('a stopped queued payment does not settle when liquidity comes, and lets the next in its queue go; release puts it back behind', () => {
    const result = runScenario({
      currency: 'CNY',
      participants,
      steps: [
        { pay: { id: 'p1', kind: 'hvps', from: 'B', to: 'C', amount: '50.00' } }, // B has 0: queued
        { pay: { id: 'p2', kind: 'hvps', from: 'B', to: 'C', amount: '30.00' } }, // behind p1: queued
        { stop: { id: 'p1', by: 'B' } }, // B's supervisor stops it
        { pay: { id: 'p3', kind: 'hvps', from: 'A', to: 'B', amount: '60.00' } }, // B 60: p2 (30) settles, p1 does not
        { release: { id: 'p1', by: 'B' } }, // back in as a new arrival: 50 > 30 left, queued
        { pay: { id: 'p4', kind: 'hvps', from: 'A', to: 'B', amount: '20.00' } }, // B 50: p1 settles
      ],
    });
    expect(result.payments).toEqual({ p1: { status: 'settled' }, p2: { status: 'settled' }, p3: { status: 'settled' }, p4: { status: 'settled' } });
    expect(result.balances).toEqual({ A: '20.00', B: '0.00', C: '80.00' });
    expect(result.refused).toEqual([]);
  });

  it('only the sender or the centre stops; only who stopped releases; settled and bills are refused', () => {
    const result = runScenario({
      currency: 'CNY',
      participants,
      steps: [
        { pay: { id: 'p1', kind: 'hvps', from: 'B', to: 'C', amount: '50.00' } }, // queued
        { pay: { id: 's1', kind: 'hvps', from: 'A', to: 'C', amount: '10.00' } }, // settled
        { pay: { id: 'b1', kind: 'bill', from: 'A', to: 'C', amount: '5.00' } }, // netted bill
        { stop: { id: 'p1', by: 'C' } }, // the receiver: refused
        { stop: 's1' }, // settled: refused
        { stop: 'b1' }, // a bill: refused
        { stop: 'p1' }, // the centre
        { stop: 'p1' }, // already stopped: refused
        { release: { id: 'p1', by: 'B' } }, // the bank cannot lift the centre's stop
        { release: 's1' }, // not stopped
        { cancel: { id: 'p1', by: 'B' } }, // the sender cancels the stopped payment
      ],
    });
    expect(result.payments.p1).toEqual({ status: 'cancelled' });
    expect(result.refused.map((r) => [r.step, r.reason])).toEqual([
      // Steps count from 0.
      [3, 'NOT_STOPPABLE'],
      [4, 'NOT_STOPPABLE'],
      [5, 'NOT_STOPPABLE'],
      [7, 'NOT_STOPPABLE'],
      [8, 'NOT_STOPPED'],
      [9, 'NOT_STOPPED'],
    ]);
    expect(result.balances).toEqual({ A: '90.00', B: '0.00', C: '10.00' });
  });

  it('a stopped beps stays out of the cycle; a stopped scheduled payment does not enter; both expire at end of day', () => {
    const result = runScenario({
      currency: 'CNY',
      participants: [
        { id: 'A', balance: '100.00', netDebitCap: '0.00' },
        { id: 'B', balance: '0.00', netDebitCap: '0.00' },
      ],
      steps: [
        { pay: { id: 'n1', kind: 'beps', from: 'B', to: 'A', amount: '40.00' } }, // B cannot: waits
        { pay: { id: 't1', kind: 'hvps', from: 'A', to: 'B', amount: '10.00', earliest: '10:00' } }, // scheduled
        { stop: 'n1' },
        { stop: 't1' },
        { pay: { id: 'p1', kind: 'hvps', from: 'A', to: 'B', amount: '50.00' } }, // B 50 would admit n1, but it is stopped
        { time: '11:00' }, // t1 would enter, but it is stopped
        { closeCycle: true },
        { endOfDay: true },
      ],
    });
    expect(result.payments).toEqual({
      n1: { status: 'expired', reason: 'END_OF_DAY' },
      t1: { status: 'expired', reason: 'END_OF_DAY' },
      p1: { status: 'settled' },
    });
    expect(result.balances).toEqual({ A: '50.00', B: '50.00' });
  });

  it('a released scheduled payment goes back to the schedule until its time; snapshots keep the stop', () => {
    const engine = createEngine(
      { currency: 'CNY', businessDate: '2026-12-07', participants: [{ id: 'A', balanceMinor: 10_000n, netDebitCapMinor: 0n }, { id: 'B', balanceMinor: 0n, netDebitCapMinor: 0n }] },
      { paranoid: true },
    );
    engine.apply({ type: 'pay', id: 't1', kind: 'hvps', from: 'A', to: 'B', amountMinor: 1_000n, earliestMinute: 600 });
    engine.apply({ type: 'pay', id: 'q1', kind: 'hvps', from: 'B', to: 'A', amountMinor: 500n });
    expect(engine.apply({ type: 'stop', paymentId: 'q1', by: 'B' })).toEqual([{ type: 'stopped', paymentId: 'q1', by: 'B' }]);
    engine.apply({ type: 'stop', paymentId: 't1' });
    const restored = restoreEngine(JSON.parse(JSON.stringify(engine.exportState())), { paranoid: true });
    expect(restored.payment('q1')).toMatchObject({ status: 'queued', stopped: { by: 'B' } });
    expect(restored.payment('t1')).toMatchObject({ status: 'scheduled', stopped: {} });
    expect(restored.queue('B')).toEqual({ rtgs: [], dns: [] });
    expect(restored.scheduled()).toEqual([]);
    // 09:00: released but not yet due, so back to the schedule; 10:00 it enters and settles.
    restored.apply({ type: 'time', minuteOfDay: 540 });
    expect(restored.apply({ type: 'release', paymentId: 't1' })).toEqual([{ type: 'released', paymentId: 't1' }]);
    expect(restored.scheduled()).toEqual(['t1']);
    restored.apply({ type: 'time', minuteOfDay: 600 });
    expect(restored.payment('t1')?.status).toBe('settled');
    // B now holds 10.00: released, q1 settles at once.
    const events = restored.apply({ type: 'release', paymentId: 'q1', by: 'B' });
    expect(events.map((e) => e.type)).toEqual(['released', 'settled']);
    expect(restored.payment('q1')).toMatchObject({ status: 'settled' });
    expect(restored.payment('q1')?.stopped).toBeUndefined();
  });

  it('a rejected payment naming an unknown sender is refused, not a crash (found by the scenario fuzzer)', () => {
    const result = runScenario({
      currency: 'CNY',
      participants,
      steps: [
        { pay: { id: 'p12', kind: 'hvps', from: 'Z', to: 'A', amount: '1.00' } },
        { stop: { id: 'p12', by: 'A' } },
        { stop: 'p12' },
      ],
    });
    expect(result.payments.p12).toEqual({ status: 'rejected', reason: 'UNKNOWN_PARTICIPANT' });
    expect(result.refused.map((r) => r.reason)).toEqual(['NOT_STOPPABLE', 'NOT_STOPPABLE']);
  });

  it('a stopped timed payment still expires at its latest time', () => {
    const engine = createEngine(
      { currency: 'CNY', businessDate: '2026-12-07', participants: [{ id: 'A', balanceMinor: 0n, netDebitCapMinor: 0n }, { id: 'B', balanceMinor: 0n, netDebitCapMinor: 0n }] },
      { paranoid: true },
    );
    engine.apply({ type: 'pay', id: 'p1', kind: 'hvps', from: 'A', to: 'B', amountMinor: 100n, latestMinute: 600 });
    engine.apply({ type: 'stop', paymentId: 'p1', by: 'A' });
    const events = engine.apply({ type: 'time', minuteOfDay: 601 });
    expect(events).toContainEqual({ type: 'expired', paymentId: 'p1', reason: 'LATEST_TIME' });
    expect(engine.payment('p1')?.stopped).toBeUndefined();
  });
});
