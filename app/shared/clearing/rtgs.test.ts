import { describe, expect, it } from 'vitest';
import { parseAmount } from '../money/parse';
import { createEngine, type Engine } from './engine';
import type { PaymentPriority } from '../domain/payment';

const cny = (text: string): bigint => parseAmount(text, 'CNY', { allowNegative: true });

function engineWith(balances: Record<string, string>): Engine {
  return createEngine(
    {
      currency: 'CNY',
      businessDate: '2026-01-05',
      participants: Object.entries(balances).map(([id, balance]) => ({ id, balanceMinor: cny(balance), netDebitCapMinor: 0n })),
    },
    { paranoid: true },
  );
}

function hvps(engine: Engine, id: string, from: string, to: string, amount: string, priority: PaymentPriority = 2) {
  return engine.apply({ type: 'pay', id, kind: 'hvps', from, to, amountMinor: cny(amount), priority });
}

const balance = (engine: Engine, id: string) => engine.participant(id)?.balanceMinor;
const status = (engine: Engine, id: string) => engine.payment(id)?.status;

describe('RTGS gross settlement', () => {
  it('settles at once when the available balance covers the payment', () => {
    const engine = engineWith({ A: '100.00', B: '0.00' });
    const events = hvps(engine, 'p1', 'A', 'B', '60.00');
    expect(events).toEqual([
      { type: 'settled', paymentId: 'p1', kind: 'hvps', from: 'A', to: 'B', amountMinor: 6000n, via: 'gross', fromBalanceMinor: 4000n, toBalanceMinor: 6000n },
    ]);
  });

  it('queues FIFO within a priority and lets a more urgent payment pass', () => {
    const engine = engineWith({ A: '100.00', B: '0.00', C: '0.00' });
    expect(hvps(engine, 'p1', 'A', 'B', '150.00')[0]).toMatchObject({ type: 'queued', reason: 'INSUFFICIENT_FUNDS' });
    // p2 fits, but p1 of the same priority waits ahead of it: FIFO, no reason of its own.
    const p2 = hvps(engine, 'p2', 'A', 'B', '50.00')[0];
    expect(p2).toMatchObject({ type: 'queued', paymentId: 'p2' });
    expect(p2).not.toHaveProperty('reason');
    // Urgent p3 passes the normal queue: 100 - 80 = 20 left.
    expect(hvps(engine, 'p3', 'A', 'C', '80.00', 0)[0]).toMatchObject({ type: 'settled', paymentId: 'p3' });
    expect(balance(engine, 'A')).toBe(cny('20.00'));
    // Liquidity in: 220, the queue runs in order: p1 (150) leaves 70, p2 (50) leaves 20.
    const events = engine.apply({ type: 'adjust', participantId: 'A', amountMinor: cny('200.00') });
    expect(events.map((e) => e.type + ':' + ('paymentId' in e ? e.paymentId : ''))).toEqual(['liquidity:', 'settled:p1', 'settled:p2']);
    expect(balance(engine, 'A')).toBe(cny('20.00'));
    expect(balance(engine, 'B')).toBe(cny('200.00'));
  });

  it('retries the queue only until the first payment that does not fit', () => {
    const engine = engineWith({ A: '100.00', B: '0.00' });
    hvps(engine, 'p1', 'A', 'B', '150.00');
    hvps(engine, 'p2', 'A', 'B', '10.00');
    engine.apply({ type: 'adjust', participantId: 'A', amountMinor: cny('40.00') });
    // 140 < 150: p1 still does not fit, and p2 (which would) stays behind it.
    expect(status(engine, 'p1')).toBe('queued');
    expect(status(engine, 'p2')).toBe('queued');
    expect(engine.queue('A')).toEqual({ rtgs: ['p1', 'p2'], dns: [] });
  });

  it('retries the receiver when an incoming payment raises its balance, in a cascade', () => {
    const engine = engineWith({ A: '0.00', B: '0.00', C: '50.00' });
    hvps(engine, 'a1', 'A', 'B', '30.00');
    hvps(engine, 'b1', 'B', 'C', '20.00');
    // C pays A 50: A settles a1 (30 to B), then B settles b1 (20 to C).
    const events = hvps(engine, 'c1', 'C', 'A', '50.00');
    expect(events.filter((e) => e.type === 'settled').map((e) => e.type === 'settled' && e.paymentId)).toEqual(['c1', 'a1', 'b1']);
    expect([balance(engine, 'A'), balance(engine, 'B'), balance(engine, 'C')]).toEqual([cny('20.00'), cny('10.00'), cny('20.00')]);
  });

  it('offsets bilaterally when a payment queues against the receiver’s queued payments back', () => {
    const engine = engineWith({ A: '50.00', B: '0.00' });
    hvps(engine, 'p1', 'A', 'B', '100.00');
    // B -> A 60: B ends 0 - 60 + 100 = 40, A ends 50 + 60 - 100 = 10: both covered, both settle.
    const events = hvps(engine, 'p2', 'B', 'A', '60.00');
    expect(events.map((e) => e.type)).toEqual(['queued', 'settled', 'settled']);
    expect(events[1]).toMatchObject({ paymentId: 'p2', via: 'bilateral', fromBalanceMinor: cny('40.00'), toBalanceMinor: cny('10.00') });
    expect([balance(engine, 'A'), balance(engine, 'B')]).toEqual([cny('10.00'), cny('40.00')]);
  });

  it('does not offset bilaterally when the receiver would end below zero', () => {
    const engine = engineWith({ A: '0.00', B: '0.00' });
    hvps(engine, 'p1', 'A', 'B', '100.00');
    // A would end 0 + 60 - 100 = -40: p1 is dropped, nothing is left to offset.
    hvps(engine, 'p2', 'B', 'A', '60.00');
    expect([status(engine, 'p1'), status(engine, 'p2')]).toEqual(['queued', 'queued']);
  });

  it('rejects invalid payments with a reason and a duplicate id without touching the original', () => {
    const engine = engineWith({ A: '100.00', B: '0.00' });
    hvps(engine, 'p1', 'A', 'B', '10.00');
    expect(engine.apply({ type: 'pay', id: 'p1', kind: 'hvps', from: 'B', to: 'A', amountMinor: 500n })).toEqual([
      { type: 'rejected', paymentId: 'p1', reason: 'DUPLICATE_ID' },
    ]);
    expect(engine.payment('p1')).toMatchObject({ from: 'A', to: 'B', amountMinor: 1000n, status: 'settled' });
    expect(balance(engine, 'A')).toBe(cny('90.00'));
    const reason = (id: string) => engine.payment(id)?.reason;
    engine.apply({ type: 'pay', id: 'x1', kind: 'hvps', from: 'A', to: 'Z', amountMinor: 1n });
    engine.apply({ type: 'pay', id: 'x2', kind: 'hvps', from: 'A', to: 'A', amountMinor: 1n });
    engine.apply({ type: 'pay', id: 'x3', kind: 'hvps', from: 'A', to: 'B', amountMinor: 0n });
    engine.apply({ type: 'pay', id: 'x4', kind: 'hvps', from: 'A', to: 'B', amountMinor: 1n, currency: 'USD' });
    expect([reason('x1'), reason('x2'), reason('x3'), reason('x4')]).toEqual(['UNKNOWN_PARTICIPANT', 'SAME_PARTICIPANT', 'INVALID_AMOUNT', 'WRONG_CURRENCY']);
  });

  it('cancels and reprioritises queued payments, and refuses both once settled', () => {
    const engine = engineWith({ A: '100.00', B: '0.00' });
    hvps(engine, 'p1', 'A', 'B', '150.00');
    hvps(engine, 'p2', 'A', 'B', '30.00');
    hvps(engine, 'p3', 'A', 'B', '40.00');
    // p3 to urgent: it stands alone at priority 0 and fits (100 - 40 = 60).
    expect(engine.apply({ type: 'reprioritise', paymentId: 'p3', priority: 0 }).map((e) => e.type)).toEqual(['reprioritised', 'settled']);
    // Cancelling p1 frees p2: 60 - 30 = 30.
    expect(engine.apply({ type: 'cancel', paymentId: 'p1' }).map((e) => e.type)).toEqual(['cancelled', 'settled']);
    expect([status(engine, 'p1'), status(engine, 'p2'), balance(engine, 'A')]).toEqual(['cancelled', 'settled', cny('30.00')]);
    expect(engine.apply({ type: 'cancel', paymentId: 'p2' })).toEqual([{ type: 'refused', command: 'cancel', paymentId: 'p2', reason: 'NOT_CANCELLABLE' }]);
    expect(engine.apply({ type: 'cancel', paymentId: 'nope' })[0]).toMatchObject({ type: 'refused', reason: 'NOT_FOUND' });
    expect(engine.apply({ type: 'reprioritise', paymentId: 'p2', priority: 1 })[0]).toMatchObject({ type: 'refused', reason: 'NOT_CANCELLABLE' });
  });

  it('only the sender may cancel', () => {
    const engine = engineWith({ A: '0.00', B: '0.00' });
    hvps(engine, 'p1', 'A', 'B', '10.00');
    expect(engine.apply({ type: 'cancel', paymentId: 'p1', by: 'B' })[0]).toMatchObject({ type: 'refused', reason: 'NOT_CANCELLABLE' });
    expect(engine.apply({ type: 'cancel', paymentId: 'p1', by: 'A' })[0]).toMatchObject({ type: 'cancelled' });
  });

  it('sends a settled payment back with a return (pacs.004), at most its amount in all', () => {
    const engine = engineWith({ A: '100.00', B: '0.00' });
    hvps(engine, 'p1', 'A', 'B', '100.00');
    const ret = (id: string, from: string, to: string, amount: string, originalId = 'p1') =>
      engine.apply({ type: 'pay', id, kind: 'return', from, to, amountMinor: cny(amount), originalId });
    expect(ret('r1', 'B', 'A', '40.00')[0]).toMatchObject({ type: 'settled', paymentId: 'r1', via: 'gross' });
    expect(ret('r2', 'B', 'A', '70.00')[0]).toMatchObject({ type: 'rejected', reason: 'NOT_RETURNABLE' });
    expect(ret('r3', 'A', 'B', '10.00')[0]).toMatchObject({ type: 'rejected', reason: 'NOT_RETURNABLE' });
    expect(ret('r4', 'B', 'A', '10.00', 'nope')[0]).toMatchObject({ type: 'rejected', reason: 'NOT_RETURNABLE' });
    expect(ret('r5', 'B', 'A', '60.00')[0]).toMatchObject({ type: 'settled' });
    expect([balance(engine, 'A'), balance(engine, 'B'), engine.payment('p1')?.returnedMinor]).toEqual([cny('100.00'), 0n, cny('100.00')]);
  });

  it('refuses liquidity out beyond the balance and counts liquidity in the conservation check', () => {
    const engine = engineWith({ A: '10.00' });
    expect(engine.apply({ type: 'adjust', participantId: 'A', amountMinor: cny('-20.00') })[0]).toMatchObject({ type: 'refused', reason: 'INSUFFICIENT_FUNDS' });
    expect(engine.apply({ type: 'setBalance', participantId: 'A', balanceMinor: cny('3.00') })[0]).toMatchObject({ type: 'liquidity', deltaMinor: cny('-7.00') });
    expect(engine.apply({ type: 'adjust', participantId: 'Q', amountMinor: 1n })[0]).toMatchObject({ type: 'refused', reason: 'UNKNOWN_PARTICIPANT' });
    engine.checkInvariants();
  });
});
