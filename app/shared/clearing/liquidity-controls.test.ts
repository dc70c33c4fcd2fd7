import { describe, expect, it } from 'vitest';
import { runScenario as run } from './scenario';

/** Paranoid: every invariant checked after every step. */
const runScenario = (json: unknown) => run(json, { paranoid: true });

/**
 * DESIGN 4.1, one control at a time, through scenario files as `hankou clear` reads them.
 * Every expected figure is worked out by hand in the comments from DESIGN's rules.
 */
const base = (participants: { id: string; balance: string; netDebitCap?: string; creditLine?: string }[], steps: unknown[]) => ({
  currency: 'CNY',
  participants: participants.map((p) => ({ netDebitCap: '0.00', ...p })),
  steps,
});
const pay = (id: string, from: string, to: string, amount: string, extra: Record<string, unknown> = {}) => ({ pay: { id, kind: 'hvps', from, to, amount, ...extra } });

describe('intraday credit line', () => {
  it('lets the balance go down to -creditLine, refuses a line below what is drawn, reports overnight credit', () => {
    const result = runScenario(
      base(
        [
          { id: 'A', balance: '50.00', creditLine: '100.00' },
          { id: 'B', balance: '0.00' },
        ],
        [
          // available = 50 + 100 - 0 = 150 >= 120: settles, A = -70.
          pay('p1', 'A', 'B', '120.00'),
          // available = -70 + 100 = 30 < 40: queued.
          pay('p2', 'A', 'B', '40.00'),
          // -70 + 60 - 0 = -10 < 0: credit in use, refused (step 2).
          { credit: { participant: 'A', line: '60.00' } },
          // -70 + 110 = 40 >= 40: p2 settles on the retry, A = -110, B = 160.
          { credit: { participant: 'A', line: '110.00' } },
        ],
      ),
    );
    expect(result.payments).toEqual({ p1: { status: 'settled' }, p2: { status: 'settled' } });
    expect(result.balances).toEqual({ A: '-110.00', B: '160.00' });
    expect(result.refused).toEqual([{ step: 2, reason: 'CREDIT_IN_USE' }]);
  });

  it('counts the line for DNS admission: net debit <= cap and balance + line - net debit >= 0', () => {
    const result = runScenario(
      base(
        [
          { id: 'A', balance: '0.00', netDebitCap: '80.00', creditLine: '100.00' },
          { id: 'B', balance: '0.00' },
        ],
        [
          // net debit 80 <= cap 80 and 0 + 100 - 80 = 20 >= 0: netted.
          { pay: { id: 'n1', kind: 'beps', from: 'A', to: 'B', amount: '80.00' } },
          // net debit 110 > cap 80: waits.
          { pay: { id: 'n2', kind: 'beps', from: 'A', to: 'B', amount: '30.00' } },
          // A pays 80 net: balance -80, inside the line. n2 waits into the next cycle, where it is admitted:
          // net debit 30 <= 80 and -80 + 100 - 30 = -10 < 0, so it still waits (INSUFFICIENT_FUNDS).
          { closeCycle: true },
          { endOfDay: true },
        ],
      ),
    );
    expect(result.payments).toEqual({ n1: { status: 'settled' }, n2: { status: 'expired', reason: 'END_OF_DAY' } });
    expect(result.balances).toEqual({ A: '-80.00', B: '80.00' });
  });
});

describe('reservations', () => {
  it('keeps floor(1) = urgent and floor(2) = urgent + high free for more urgent payments', () => {
    const result = runScenario(
      base(
        [
          { id: 'A', balance: '100.00' },
          { id: 'B', balance: '0.00' },
        ],
        [
          { reserve: { participant: 'A', urgent: '30.00', high: '20.00' } },
          // normal: 100 - 60 = 40 < floor(2) 50: queued (RESERVED_LIQUIDITY).
          pay('n1', 'A', 'B', '60.00', { priority: 2 }),
          // urgent: 100 - 60 = 40 >= floor(1) 30: settles, A = 40 (the queued normal one is not ahead of it).
          pay('u1', 'A', 'B', '60.00', { priority: 1 }),
          // urgent-high: 40 - 40 = 0 >= floor(0) 0: settles, A = 0. Reservations are floors, not pots.
          pay('h1', 'A', 'B', '40.00', { priority: 0 }),
          // A = 100: n1 retried, 100 - 60 = 40 < 50, still blocked.
          { adjust: { participant: 'A', amount: '100.00' } },
          // floor(2) = 10 + 30 = 40: 100 - 60 = 40 >= 40, n1 settles, A = 40.
          { reserve: { participant: 'A', urgent: '10.00', high: '30.00' } },
        ],
      ),
    );
    expect(result.payments).toEqual({ n1: { status: 'settled' }, u1: { status: 'settled' }, h1: { status: 'settled' } });
    expect(result.balances).toEqual({ A: '40.00', B: '160.00' });
  });

  it('says why a normal payment waits', () => {
    const result = runScenario(base([{ id: 'A', balance: '100.00' }, { id: 'B', balance: '0.00' }], [{ reserve: { participant: 'A', high: '50.00' } }, pay('n1', 'A', 'B', '60.00')]));
    expect(result.payments.n1).toEqual({ status: 'queued', reason: 'RESERVED_LIQUIDITY' });
  });
});

describe('sender limits', () => {
  it('bounds normal payments by the bilateral and the multilateral position of the day', () => {
    const result = runScenario(
      base(
        [
          { id: 'A', balance: '1000.00' },
          { id: 'B', balance: '1000.00' },
          { id: 'C', balance: '1000.00' },
        ],
        [
          { limits: { participant: 'A', bilateral: { B: '100.00' }, multilateral: '150.00' } },
          // pos(A,B) 0 - 80 = -80 >= -100: settles.
          pay('a1', 'A', 'B', '80.00'),
          // C has no bilateral limit: positions without one sum to 0 - 100 = -100 >= -150: settles.
          pay('a2', 'A', 'C', '100.00'),
          // -100 - 60 = -160 < -150: queued (MULTILATERAL_LIMIT).
          pay('a3', 'A', 'C', '60.00'),
          // urgent: limits apply to normal payments only; pos(A,B) = -90.
          pay('a4', 'A', 'B', '10.00', { priority: 1 }),
          // pos(A,B) = -40; A's queue is retried, a3 still -160.
          pay('b1', 'B', 'A', '50.00'),
          // pos(A,C) = -80; a3: -80 - 60 = -140 >= -150, settles.
          pay('c1', 'C', 'A', '20.00'),
        ],
      ),
    );
    expect(result.payments).toEqual({
      a1: { status: 'settled' },
      a2: { status: 'settled' },
      a3: { status: 'settled' },
      a4: { status: 'settled' },
      b1: { status: 'settled' },
      c1: { status: 'settled' },
    });
    // A = 1000 - 80 - 100 - 60 - 10 + 50 + 20 = 820; B = 1000 + 80 + 10 - 50 = 1040; C = 1000 + 100 + 60 - 20 = 1140.
    expect(result.balances).toEqual({ A: '820.00', B: '1040.00', C: '1140.00' });
  });

  it('a payment blocked by a bilateral limit settles once the limit is lifted', () => {
    const result = runScenario(
      base(
        [
          { id: 'A', balance: '500.00' },
          { id: 'B', balance: '0.00' },
        ],
        [
          { limits: { participant: 'A', bilateral: { B: '50.00' } } },
          pay('a1', 'A', 'B', '60.00'),
          { limits: { participant: 'A' } },
        ],
      ),
    );
    expect(result.payments.a1).toEqual({ status: 'settled' });
    expect(result.balances).toEqual({ A: '440.00', B: '60.00' });
  });

  it('refuses limits naming an unknown counterparty', () => {
    const result = runScenario(base([{ id: 'A', balance: '1.00' }], [{ limits: { participant: 'A', bilateral: { Z: '1.00' } } }]));
    expect(result.refused).toEqual([{ step: 0, reason: 'UNKNOWN_PARTICIPANT' }]);
  });
});

describe('timed payments', () => {
  it('waits for its earliest time, expires past its latest, and rejects impossible windows', () => {
    const result = runScenario(
      base(
        [
          { id: 'A', balance: '100.00' },
          { id: 'B', balance: '0.00' },
        ],
        [
          { time: '09:00' },
          // earliest 10:00 > 09:00: scheduled.
          pay('t1', 'A', 'B', '10.00', { earliest: '10:00', latest: '11:00' }),
          // 200 > 100: queued until its latest.
          pay('t2', 'A', 'B', '200.00', { latest: '09:30' }),
          // rejected at entry: earliest >= latest; a latest already passed (09:00 > 08:00); timed beps.
          pay('x1', 'A', 'B', '1.00', { earliest: '10:00', latest: '10:00' }),
          pay('x2', 'A', 'B', '1.00', { latest: '08:00' }),
          { pay: { id: 'x3', kind: 'beps', from: 'A', to: 'B', amount: '1.00', earliest: '10:00' } },
          // 09:31 > 09:30: t2 expires.
          { time: '09:31' },
          // backwards: refused (step 7).
          { time: '09:00' },
          // t1 enters and settles: A = 90.
          { time: '10:00' },
          // scheduled for 23:00, never reached: expires with the day.
          pay('t3', 'A', 'B', '1.00', { earliest: '23:00' }),
          { endOfDay: true },
        ],
      ),
    );
    expect(result.payments).toEqual({
      t1: { status: 'settled' },
      t2: { status: 'expired', reason: 'LATEST_TIME' },
      x1: { status: 'rejected', reason: 'TIME_WINDOW' },
      x2: { status: 'rejected', reason: 'TIME_WINDOW' },
      x3: { status: 'rejected', reason: 'TIME_WINDOW' },
      t3: { status: 'expired', reason: 'END_OF_DAY' },
    });
    expect(result.balances).toEqual({ A: '90.00', B: '10.00' });
    expect(result.refused).toEqual([{ step: 7, reason: 'CLOCK_BACKWARDS' }]);
  });

  it('enters as if submitted then: same time, arrival order; a later arrival at the same time goes behind', () => {
    const result = runScenario(
      base(
        [
          { id: 'A', balance: '80.00' },
          { id: 'B', balance: '0.00' },
        ],
        [
          pay('s1', 'A', 'B', '60.00', { earliest: '10:00' }),
          pay('s2', 'A', 'B', '40.00', { earliest: '10:00' }),
          // s1 enters first: 80 - 60 = 20, settles; s2: 40 > 20, queued.
          { time: '10:00' },
        ],
      ),
    );
    expect(result.payments).toEqual({ s1: { status: 'settled' }, s2: { status: 'queued', reason: 'INSUFFICIENT_FUNDS' } });
  });
});

describe('warehoused payments', () => {
  it('stays scheduled until the start of its business day, then enters; more than 5 days ahead is rejected', () => {
    const result = runScenario(
      base(
        [
          { id: 'A', balance: '100.00' },
          { id: 'B', balance: '0.00' },
        ],
        [
          pay('w1', 'A', 'B', '30.00', { valueDay: 1 }),
          // two days ahead, at 10:00 that day.
          pay('w2', 'A', 'B', '20.00', { valueDay: 2, earliest: '10:00' }),
          pay('w3', 'A', 'B', '1.00', { valueDay: 6 }),
          { endOfDay: true },
          // day 2 starts: w1 enters and settles, A = 70. w2 still waits.
          { endOfDay: true },
          // day 3 at 00:00: w2 waits for 10:00.
          { time: '10:00' },
        ],
      ),
    );
    expect(result.payments).toEqual({
      w1: { status: 'settled' },
      w2: { status: 'settled' },
      w3: { status: 'rejected', reason: 'VALUE_DATE' },
    });
    expect(result.balances).toEqual({ A: '50.00', B: '50.00' });
  });
});

describe('queue management', () => {
  it('moves a queued payment to the top or the bottom of its priority class', () => {
    const result = runScenario(
      base(
        [
          { id: 'A', balance: '0.00' },
          { id: 'B', balance: '0.00' },
        ],
        [
          pay('q1', 'A', 'B', '50.00'),
          pay('q2', 'A', 'B', '30.00'),
          pay('q3', 'A', 'B', '20.00'),
          // queue: q3, q1, q2.
          { reorder: { id: 'q3', to: 'top' } },
          // A = 25: q3 (20) settles, A = 5; q1 (50) blocks.
          { adjust: { participant: 'A', amount: '25.00' } },
          // queue: q2, q1.
          { reorder: { id: 'q1', to: 'bottom' } },
          // A = 30: q2 (30) settles, A = 0.
          { adjust: { participant: 'A', amount: '25.00' } },
          // settled: refused (step 7).
          { reorder: { id: 'q2', to: 'top' } },
          // cancel takes a scheduled payment out too.
          pay('s1', 'A', 'B', '1.00', { earliest: '12:00' }),
          { cancel: 's1' },
        ],
      ),
    );
    expect(result.payments).toEqual({
      q1: { status: 'queued', reason: 'INSUFFICIENT_FUNDS' },
      q2: { status: 'settled' },
      q3: { status: 'settled' },
      s1: { status: 'cancelled' },
    });
    expect(result.balances).toEqual({ A: '0.00', B: '50.00' });
    expect(result.refused).toEqual([{ step: 7, reason: 'NOT_REPRIORITISABLE' }]);
  });
});

describe('offsetting with controls', () => {
  it('does not offset through a floor, and does once the floor is lifted', () => {
    const result = runScenario(
      base(
        [
          { id: 'A', balance: '10.00' },
          { id: 'B', balance: '10.00' },
        ],
        [
          { reserve: { participant: 'A', high: '20.00' } },
          pay('a1', 'A', 'B', '100.00'),
          // Bilateral: B ends at 10 + 100 - 95 = 15 >= 0, but A at 10 - 100 + 95 = 5 < floor(2) 20: no offset.
          pay('b1', 'B', 'A', '95.00'),
          // Multilateral: A short by 15, drops a1; then B short by 85, drops b1: nothing settles.
          { offset: true },
          { reserve: { participant: 'A' } },
          // A ends at 5 >= 0, B at 15 >= 0: both settle.
          { offset: true },
        ],
      ),
    );
    expect(result.payments).toEqual({ a1: { status: 'settled' }, b1: { status: 'settled' } });
    expect(result.balances).toEqual({ A: '5.00', B: '15.00' });
  });

  it('does not offset past a sender limit', () => {
    const result = runScenario(
      base(
        [
          { id: 'A', balance: '10.00' },
          { id: 'B', balance: '10.00' },
        ],
        [
          { limits: { participant: 'A', bilateral: { B: '3.00' } } },
          pay('a1', 'A', 'B', '100.00'),
          // pos(A,B) after the pair = -100 + 95 = -5 < -3: no offset, bilateral or multilateral.
          pay('b1', 'B', 'A', '95.00'),
          { offset: true },
          { limits: { participant: 'A', bilateral: { B: '5.00' } } },
          { offset: true },
        ],
      ),
    );
    expect(result.payments).toEqual({ a1: { status: 'settled' }, b1: { status: 'settled' } });
    expect(result.balances).toEqual({ A: '5.00', B: '15.00' });
  });
});

describe('position warning', () => {
  it('fires once per crossing, down and back up', () => {
    const result = runScenario(
      base(
        [
          { id: 'A', balance: '100.00' },
          { id: 'B', balance: '100.00' },
        ],
        [
          { warning: { participant: 'A', threshold: '50.00' } },
          // A: 40 < 50, warning (step 1).
          pay('a1', 'A', 'B', '60.00'),
          // A: 30, still below: no second warning.
          pay('a2', 'A', 'B', '10.00'),
          // A: 60 >= 50: back up (step 3).
          pay('b1', 'B', 'A', '30.00'),
        ],
      ),
    );
    expect(result.warnings).toEqual([
      { step: 1, participant: 'A', below: true, available: '40.00' },
      { step: 3, participant: 'A', below: false, available: '60.00' },
    ]);
  });
});
