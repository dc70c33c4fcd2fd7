import { describe, expect, it } from 'vitest';
import { createEngine } from './engine';
import { balanceOf, cny, engineWith, kinds, pay, statusOf } from './test-support';

describe('multilateral offsetting', () => {
  it('resolves a three-bank gridlock no bank could break alone', () => {
    // Each holds 10 and owes 100 round the ring: each queues; bilateral offsetting finds nothing.
    const engine = engineWith({ A: ['10.00'], B: ['10.00'], C: ['10.00'] });
    pay(engine, 'p1', 'hvps', 'A', 'B', '100.00');
    pay(engine, 'p2', 'hvps', 'B', 'C', '100.00');
    pay(engine, 'p3', 'hvps', 'C', 'A', '100.00');
    expect(['p1', 'p2', 'p3'].map((id) => statusOf(engine, id))).toEqual(['queued', 'queued', 'queued']);
    const events = engine.apply({ type: 'offset' });
    // Each ends 10 + 100 - 100 = 10: all three settle at once, nothing changes hands net.
    expect(kinds(events)).toEqual(['settled:p1', 'settled:p2', 'settled:p3', 'offsetCompleted']);
    expect(events.at(-1)).toEqual({ type: 'offsetCompleted', settledCount: 3, stillQueuedCount: 0, net: [] });
    expect(['A', 'B', 'C'].map((id) => balanceOf(engine, id))).toEqual([cny('10.00'), cny('10.00'), cny('10.00')]);
  });

  it('drops the latest, least urgent payment of the participant with the largest shortfall', () => {
    const engine = engineWith({ A: ['0.00'], B: ['0.00'], C: ['0.00'], D: ['0.00'] });
    pay(engine, 'p1', 'hvps', 'A', 'B', '100.00');
    pay(engine, 'p2', 'hvps', 'B', 'C', '100.00');
    pay(engine, 'p3', 'hvps', 'C', 'A', '100.00');
    pay(engine, 'p4', 'hvps', 'B', 'D', '30.00');
    // Positions: A 0, B 100-100-30 = -30, C 0, D +30. Only B is short: drop its latest, p4.
    const events = engine.apply({ type: 'offset' });
    expect(events.at(-1)).toEqual({ type: 'offsetCompleted', settledCount: 3, stillQueuedCount: 1, net: [] });
    expect(['p1', 'p2', 'p3', 'p4'].map((id) => statusOf(engine, id))).toEqual(['settled', 'settled', 'settled', 'queued']);
  });

  it('drops the least urgent before the latest', () => {
    const engine = engineWith({ A: ['0.00'], B: ['0.00'], C: ['0.00'], D: ['0.00'] });
    pay(engine, 'p1', 'hvps', 'A', 'B', '100.00');
    pay(engine, 'p2', 'hvps', 'B', 'C', '100.00', 2);
    pay(engine, 'p3', 'hvps', 'C', 'A', '100.00');
    pay(engine, 'p4', 'hvps', 'B', 'D', '30.00', 0);
    // B is short 30 and drops p2 (normal) not p4 (urgent): B +70, C -100 -> C drops p3, A -100
    // -> A drops p1, B -30 -> B drops p4. Nothing can settle.
    const events = engine.apply({ type: 'offset' });
    expect(events).toEqual([{ type: 'offsetCompleted', settledCount: 0, stillQueuedCount: 4, net: [] }]);
  });

  it('leaves to offsetting only what bilateral offsetting at queueing time could not do', () => {
    const engine = engineWith({ A: ['20.00'], B: ['0.00'], C: ['5.00'] });
    pay(engine, 'a1', 'hvps', 'A', 'B', '50.00');
    pay(engine, 'a2', 'hvps', 'A', 'C', '40.00');
    pay(engine, 'b1', 'hvps', 'B', 'C', '30.00');
    // c1 queues (5 < 45) and meets A's a2 back: C ends 5-45+40 = 0, A 20+45-40 = 25. Both go.
    expect(kinds(pay(engine, 'c1', 'hvps', 'C', 'A', '45.00'))).toEqual(['queued:c1', 'settled:c1', 'settled:a2']);
    // A's a1 (50) still does not fit 25. Offset: A 25-50 = -25 drops a1, then B 0-30 drops b1.
    expect(engine.apply({ type: 'offset' }).at(-1)).toEqual({ type: 'offsetCompleted', settledCount: 0, stillQueuedCount: 2, net: [] });
    // Liquidity to A (+25 = 50): a1 settles gross, B gets 50 and b1 follows.
    expect(kinds(engine.apply({ type: 'adjust', participantId: 'A', amountMinor: cny('25.00') }))).toEqual(['liquidity', 'settled:a1', 'settled:b1']);
    expect(['A', 'B', 'C'].map((id) => balanceOf(engine, id))).toEqual([0n, cny('20.00'), cny('30.00')]);
  });

  it('reports net balance changes of an offset with partial settlement', () => {
    const engine = engineWith({ A: ['0.00'], B: ['10.00'], C: ['0.00'] });
    pay(engine, 'p1', 'hvps', 'A', 'B', '50.00');
    pay(engine, 'p2', 'hvps', 'B', 'C', '60.00');
    pay(engine, 'p3', 'hvps', 'C', 'A', '50.00');
    pay(engine, 'p4', 'hvps', 'C', 'B', '20.00');
    // Positions: A 0-50+50 = 0, B 10+50-60+20 = 20, C 60-50-20 = -10: C drops p4 (latest):
    // C 10, B 0. Settle p1, p2, p3: A 0, B 0, C +10.
    const events = engine.apply({ type: 'offset' });
    expect(events.at(-1)).toEqual({
      type: 'offsetCompleted',
      settledCount: 3,
      stillQueuedCount: 1,
      net: [
        { participantId: 'B', netMinor: cny('-10.00'), balanceMinor: 0n },
        { participantId: 'C', netMinor: cny('10.00'), balanceMinor: cny('10.00') },
      ],
    });
    expect(statusOf(engine, 'p4')).toBe('queued');
  });

  it('cascades drops round a ring when one participant is short', () => {
    const engine = engineWith({ V: ['0.00'], W: ['0.00'], X: ['0.00'] });
    pay(engine, 'v1', 'hvps', 'V', 'X', '10.00');
    pay(engine, 'w1', 'hvps', 'W', 'V', '10.00');
    pay(engine, 'x1', 'hvps', 'X', 'W', '20.00');
    // Positions: V 10-10 = 0, W 20-10 = 10, X 10-20 = -10. Only X is short: drops x1 -> W -10
    // -> W drops w1 -> V -10 -> V drops v1. Nothing settles.
    expect(engine.apply({ type: 'offset' }).at(-1)).toMatchObject({ settledCount: 0, stillQueuedCount: 3 });
  });
});

describe('deep queues', () => {
  it('handles 40,000 payments queued between two banks, then offsets them in one pass', () => {
    // Not paranoid: a full scan after each of 40,000 commands would itself be quadratic.
    const engine = createEngine({
      currency: 'CNY',
      businessDate: '2026-01-05',
      participants: [
        { id: 'A', balanceMinor: 0n, netDebitCapMinor: 0n },
        { id: 'B', balanceMinor: 0n, netDebitCapMinor: 0n },
      ],
    });
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 20_000; i += 1) {
      engine.apply({ type: 'pay', id: `a${i}`, kind: 'hvps', from: 'A', to: 'B', amountMinor: BigInt(100 + (next() % 10_000)) });
      engine.apply({ type: 'pay', id: `b${i}`, kind: 'hvps', from: 'B', to: 'A', amountMinor: BigInt(100 + (next() % 10_000)) });
    }
    const queued = (engine.participant('A')?.queuedCount ?? 0) + (engine.participant('B')?.queuedCount ?? 0);
    const done = engine.apply({ type: 'offset' }).find((e) => e.type === 'offsetCompleted');
    // With no liquidity at all, what settles must net to exactly zero for both banks.
    expect(done).toMatchObject({ type: 'offsetCompleted', net: [] });
    if (done?.type === 'offsetCompleted') expect(done.settledCount + done.stillQueuedCount).toBe(queued);
    engine.checkInvariants();
  });
});
