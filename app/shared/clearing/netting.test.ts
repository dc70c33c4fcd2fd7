import { describe, expect, it } from 'vitest';
import { balanceOf, cny, engineWith, kinds, pay, statusOf } from './test-support';

describe('deferred net settlement (DNS)', () => {
  it('holds a payment over the net debit cap and admits it when a credit arrives', () => {
    const engine = engineWith({ B: ['100.00', '50.00'], C: ['100.00', '100.00'] });
    // B's net debit would be 80 > cap 50.
    expect(pay(engine, 'p1', 'beps', 'B', 'C', '80.00')[0]).toMatchObject({ type: 'queued', reason: 'NET_DEBIT_CAP' });
    expect(engine.participant('B')).toMatchObject({ netDebitMinor: 0n, queuedCount: 1 });
    // C pays B 40 into the cycle: B's net debit with p1 is 80 - 40 = 40 <= 50: p1 is admitted.
    expect(kinds(pay(engine, 'p2', 'beps', 'C', 'B', '40.00'))).toEqual(['netted:p2', 'netted:p1']);
    expect(engine.participant('B')).toMatchObject({ netDebitMinor: cny('40.00'), availableMinor: cny('60.00') });
    const close = engine.apply({ type: 'closeCycle' });
    expect(close.at(-1)).toEqual({
      type: 'cycleClosed',
      cycleId: 1,
      businessDate: '2026-01-05',
      paymentCount: 2,
      net: [
        { participantId: 'B', netMinor: cny('-40.00'), balanceMinor: cny('60.00') },
        { participantId: 'C', netMinor: cny('40.00'), balanceMinor: cny('140.00') },
      ],
      bilateral: [{ payer: 'B', payee: 'C', amountMinor: cny('40.00') }],
    });
    expect([statusOf(engine, 'p1'), statusOf(engine, 'p2')]).toEqual(['settled', 'settled']);
    expect(engine.openCycleId()).toBe(2);
  });

  it('earmarks within the balance too, and retries when an RTGS credit raises it', () => {
    const engine = engineWith({ B: ['30.00', '100.00'], C: ['100.00', '0.00'] });
    expect(pay(engine, 'p1', 'beps', 'B', 'C', '80.00')[0]).toMatchObject({ type: 'queued', reason: 'INSUFFICIENT_FUNDS' });
    // Behind p1 in arrival order, p2 waits even though it would fit.
    expect(pay(engine, 'p2', 'beps', 'B', 'C', '1.00')[0]).toMatchObject({ type: 'queued' });
    // C pays B 60 gross: B's balance 90 covers a net debit of 80, then 81.
    expect(kinds(pay(engine, 'h1', 'hvps', 'C', 'B', '60.00'))).toEqual(['settled:h1', 'netted:p1', 'netted:p2']);
    // The earmark limits RTGS: B has 90 - 81 = 9 available.
    expect(engine.participant('B')).toMatchObject({ balanceMinor: cny('90.00'), netDebitMinor: cny('81.00'), availableMinor: cny('9.00') });
    expect(pay(engine, 'h2', 'hvps', 'B', 'C', '10.00')[0]).toMatchObject({ type: 'queued', reason: 'INSUFFICIENT_FUNDS' });
  });

  it('computes bilateral and multilateral nets that agree and sum to zero', () => {
    const engine = engineWith({ A: ['100.00', '100.00'], B: ['100.00', '100.00'], C: ['100.00', '100.00'] });
    pay(engine, 'n1', 'beps', 'A', 'B', '30.00');
    pay(engine, 'n2', 'beps', 'B', 'A', '10.00');
    pay(engine, 'n3', 'beps', 'A', 'C', '20.00');
    pay(engine, 'n4', 'beps', 'C', 'B', '5.00');
    const closed = engine.apply({ type: 'closeCycle' }).at(-1);
    // A: -30 +10 -20 = -40; B: +30 -10 +5 = +25; C: +20 -5 = +15.
    expect(closed).toMatchObject({
      net: [
        { participantId: 'A', netMinor: cny('-40.00') },
        { participantId: 'B', netMinor: cny('25.00') },
        { participantId: 'C', netMinor: cny('15.00') },
      ],
      bilateral: [
        { payer: 'A', payee: 'B', amountMinor: cny('20.00') },
        { payer: 'A', payee: 'C', amountMinor: cny('20.00') },
        { payer: 'C', payee: 'B', amountMinor: cny('5.00') },
      ],
    });
    expect(['A', 'B', 'C'].map((id) => balanceOf(engine, id))).toEqual([cny('60.00'), cny('125.00'), cny('115.00')]);
  });

  it('nets bills against the paying bank and lets it return them until the cycle closes', () => {
    const engine = engineWith({ A: ['100.00', '100.00'], B: ['0.00', '100.00'], C: ['0.00', '100.00'] });
    pay(engine, 'b1', 'bill', 'A', 'B', '30.00');
    pay(engine, 'b2', 'bill', 'A', 'C', '20.00');
    expect(engine.participant('A')?.netDebitMinor).toBe(cny('50.00'));
    expect(engine.apply({ type: 'return', paymentId: 'b1', by: 'B' })[0]).toMatchObject({ type: 'refused', reason: 'NOT_RETURNABLE' });
    expect(engine.apply({ type: 'return', paymentId: 'b1', by: 'A' })).toEqual([{ type: 'returned', paymentId: 'b1', cycleId: 1 }]);
    expect(engine.participant('A')?.netDebitMinor).toBe(cny('20.00'));
    expect(engine.apply({ type: 'closeCycle' }).at(-1)).toMatchObject({
      net: [
        { participantId: 'A', netMinor: cny('-20.00') },
        { participantId: 'C', netMinor: cny('20.00') },
      ],
    });
    expect([statusOf(engine, 'b1'), statusOf(engine, 'b2')]).toEqual(['returned', 'settled']);
    // After the cycle closes the bill is final.
    expect(engine.apply({ type: 'return', paymentId: 'b2' })[0]).toMatchObject({ type: 'refused', reason: 'NOT_RETURNABLE' });
  });

  it('does not let a presenting bank spend a bill credit before the cycle closes', () => {
    const engine = engineWith({ A: ['100.00', '100.00'], B: ['0.00', '100.00'], C: ['0.00', '100.00'] });
    pay(engine, 'b1', 'bill', 'A', 'B', '50.00');
    // B's beps 40 would be funded only by the bill credit, which A may still return.
    expect(pay(engine, 'p1', 'beps', 'B', 'C', '40.00')[0]).toMatchObject({ type: 'queued', reason: 'INSUFFICIENT_FUNDS' });
    // Cycle 1 settles the bill (B 50); cycle 2 opens and p1 is admitted into it.
    const events = engine.apply({ type: 'closeCycle' });
    expect(kinds(events)).toEqual(['settled:b1', 'cycleClosed', 'netted:p1']);
    expect(engine.payment('p1')).toMatchObject({ status: 'netted', cycleId: 2 });
  });

  it('refuses to return what is not a presented bill', () => {
    const engine = engineWith({ A: ['100.00', '100.00'], B: ['0.00'] });
    pay(engine, 'h1', 'hvps', 'A', 'B', '10.00');
    pay(engine, 'n1', 'beps', 'A', 'B', '10.00');
    expect(engine.apply({ type: 'return', paymentId: 'h1' })[0]).toMatchObject({ type: 'refused', reason: 'NOT_RETURNABLE' });
    expect(engine.apply({ type: 'return', paymentId: 'n1' })[0]).toMatchObject({ type: 'refused', reason: 'NOT_RETURNABLE' });
    expect(engine.apply({ type: 'return', paymentId: 'zz' })[0]).toMatchObject({ type: 'refused', reason: 'NOT_FOUND' });
  });

  it('cannot cancel a netted payment but can cancel one still waiting', () => {
    const engine = engineWith({ A: ['10.00', '100.00'], B: ['0.00'] });
    pay(engine, 'n1', 'beps', 'A', 'B', '10.00');
    pay(engine, 'n2', 'beps', 'A', 'B', '10.00');
    expect(engine.apply({ type: 'cancel', paymentId: 'n1' })[0]).toMatchObject({ type: 'refused', reason: 'NOT_CANCELLABLE' });
    expect(engine.apply({ type: 'cancel', paymentId: 'n2' })).toEqual([{ type: 'cancelled', paymentId: 'n2' }]);
  });

  it('admits a held payment when its cap is raised', () => {
    const engine = engineWith({ A: ['100.00', '10.00'], B: ['0.00'] });
    pay(engine, 'n1', 'beps', 'A', 'B', '50.00');
    expect(kinds(engine.apply({ type: 'setNetDebitCap', participantId: 'A', netDebitCapMinor: cny('50.00') }))).toEqual(['netDebitCap', 'netted:n1']);
  });
});
