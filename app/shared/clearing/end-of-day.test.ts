import { describe, expect, it } from 'vitest';
import { nextWorkingDate } from './end-of-day';
import { cny, engineWith, kinds, pay, statusOf } from './test-support';

describe('end of day', () => {
  it('closes the cycle, expires every queue, totals the day and rolls the date', () => {
    const engine = engineWith({ A: ['100.00', '50.00'], B: ['0.00', '0.00'] });
    pay(engine, 'h1', 'hvps', 'A', 'B', '30.00'); // settles: A 70, B 30
    pay(engine, 'h2', 'hvps', 'B', 'A', '50.00'); // queued: B has 30
    pay(engine, 'n1', 'beps', 'A', 'B', '40.00'); // netted: A's net debit 40 <= 50
    pay(engine, 'n2', 'beps', 'A', 'B', '20.00'); // waits: 60 > cap 50
    engine.apply({ type: 'adjust', participantId: 'A', amountMinor: cny('5.00') });
    const events = engine.apply({ type: 'endOfDay' });
    // The last cycle settles n1 (A 75 - 40 = 35, B 30 + 40 = 70); nothing more is admitted or
    // settled: h2 (which B could now pay) and n2 expire all the same.
    expect(kinds(events)).toEqual(['settled:n1', 'cycleClosed', 'expired:h2', 'expired:n2', 'dayClosed']);
    expect([statusOf(engine, 'h2'), statusOf(engine, 'n2')]).toEqual(['expired', 'expired']);
    expect(engine.payment('h2')?.reason).toBe('END_OF_DAY');
    expect(events.at(-1)).toEqual({
      type: 'dayClosed',
      businessDate: '2026-01-05',
      nextBusinessDate: '2026-01-06',
      totals: [
        {
          participantId: 'A',
          openingBalanceMinor: cny('100.00'),
          creditsMinor: 0n,
          creditCount: 0,
          debitsMinor: cny('70.00'),
          debitCount: 2,
          liquidityInMinor: cny('5.00'),
          liquidityOutMinor: 0n,
          closingBalanceMinor: cny('35.00'),
          expiredCount: 1,
          overnightCreditMinor: 0n,
        },
        {
          participantId: 'B',
          openingBalanceMinor: 0n,
          creditsMinor: cny('70.00'),
          creditCount: 2,
          debitsMinor: 0n,
          debitCount: 0,
          liquidityInMinor: 0n,
          liquidityOutMinor: 0n,
          closingBalanceMinor: cny('70.00'),
          expiredCount: 1,
          overnightCreditMinor: 0n,
        },
      ],
    });
    expect(engine.businessDate()).toBe('2026-01-06');
    expect(engine.queue('A')).toEqual({ rtgs: [], dns: [] });
    // The next day works normally, in cycle 2.
    expect(pay(engine, 'n3', 'beps', 'A', 'B', '10.00')[0]).toMatchObject({ type: 'netted', cycleId: 2 });
  });

  it('skips the weekend, or takes the date the house gives (holidays)', () => {
    expect(nextWorkingDate('2026-01-09')).toBe('2026-01-12');
    const engine = engineWith({ A: ['1.00'] }, '2026-01-09');
    expect(engine.apply({ type: 'endOfDay' }).at(-1)).toMatchObject({ nextBusinessDate: '2026-01-12' });
    engine.apply({ type: 'endOfDay', nextBusinessDate: '2026-01-14' });
    expect(engine.businessDate()).toBe('2026-01-14');
  });

  it('releases what an expired return held against its original', () => {
    const engine = engineWith({ A: ['100.00'], B: ['0.00'], C: ['0.00'] });
    pay(engine, 'p1', 'hvps', 'A', 'B', '100.00');
    pay(engine, 'x', 'hvps', 'B', 'C', '100.00'); // B spends it all
    expect(engine.apply({ type: 'pay', id: 'r1', kind: 'return', from: 'B', to: 'A', amountMinor: cny('100.00'), originalId: 'p1' })[0]).toMatchObject({ type: 'queued' });
    expect(engine.payment('p1')?.returnedMinor).toBe(cny('100.00'));
    engine.apply({ type: 'endOfDay' });
    expect(statusOf(engine, 'r1')).toBe('expired');
    expect(engine.payment('p1')?.returnedMinor).toBeUndefined();
  });
});

describe('end of day with a bad next date', () => {
  it('is refused and the day stays open', () => {
    const engine = engineWith({ A: ['1.00'] });
    expect(engine.apply({ type: 'endOfDay', nextBusinessDate: '2026-01-05' })).toEqual([{ type: 'refused', command: 'endOfDay', reason: 'INVALID_PAYLOAD' }]);
    expect(engine.apply({ type: 'endOfDay', nextBusinessDate: '2026-13-01' })[0]).toMatchObject({ type: 'refused' });
    expect([engine.businessDate(), engine.openCycleId()]).toEqual(['2026-01-05', 1]);
  });
});
