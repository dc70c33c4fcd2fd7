import { describe, expect, it } from 'vitest';
import { runScenario, ScenarioError } from './scenario';

const participants = [
  { id: 'A', balance: '60.00', netDebitCap: '0.00' },
  { id: 'B', balance: '0.00', netDebitCap: '100.00' },
  { id: 'C', balance: '10.00', netDebitCap: '50.00' },
];

describe('scenario files', () => {
  it('runs the DESIGN example to the outcome worked out by hand', () => {
    const result = runScenario({
      currency: 'CNY',
      participants,
      steps: [
        { pay: { id: 'p1', kind: 'hvps', from: 'A', to: 'B', amount: '100.00', priority: 2 } }, // 60 < 100: queued
        { pay: { id: 'p2', kind: 'beps', from: 'B', to: 'C', amount: '80.00' } }, // net debit 80 > balance 0: waits
        { pay: { id: 'b1', kind: 'bill', from: 'C', to: 'A', amount: '5.00' } }, // C's net debit 5 <= 10 and <= 50: netted
        { return: 'b1' }, // C returns the bill: out of the cycle
        { cancel: 'p1' },
        { offset: true }, // nothing queued in RTGS
        { closeCycle: true }, // cycle 1: nothing left in it; p2 still does not fit
        { endOfDay: true }, // cycle 2 empty; p2 expires
      ],
    });
    expect(result).toEqual({
      payments: { p1: { status: 'cancelled' }, p2: { status: 'expired', reason: 'END_OF_DAY' }, b1: { status: 'returned' } },
      balances: { A: '60.00', B: '0.00', C: '10.00' },
      cycles: [
        { id: 1, net: {} },
        { id: 2, net: {} },
      ],
      refused: [],
    });
  });

  it('lists steps that cannot apply and carries on', () => {
    const result = runScenario({
      currency: 'CNY',
      participants,
      steps: [
        { pay: { id: 'p1', kind: 'hvps', from: 'A', to: 'B', amount: '50.00' } }, // settles: A 10, B 50
        { cancel: 'p1' }, // settled: refused
        { return: 'p1' }, // not a bill: refused
        { pay: { id: 'p1', kind: 'hvps', from: 'B', to: 'A', amount: '1.00' } }, // duplicate: refused, p1 untouched
        { pay: { id: 'n1', kind: 'beps', from: 'B', to: 'C', amount: '30.00' } }, // netted (B 50 covers, cap 100)
        { pay: { id: 'x1', kind: 'hvps', from: 'A', to: 'Q', amount: '1.00' } }, // unknown participant: rejected
        { pay: { id: 'x2', kind: 'hvps', from: 'A', to: 'B', amount: '0.00' } }, // zero: rejected
        { closeCycle: true },
      ],
    });
    expect(result.refused).toEqual([
      { step: 1, reason: 'NOT_CANCELLABLE' },
      { step: 2, reason: 'NOT_RETURNABLE' },
      { step: 3, reason: 'DUPLICATE_ID' },
    ]);
    expect(result.payments).toEqual({
      p1: { status: 'settled' },
      n1: { status: 'settled' },
      x1: { status: 'rejected', reason: 'UNKNOWN_PARTICIPANT' },
      x2: { status: 'rejected', reason: 'INVALID_AMOUNT' },
    });
    expect(result.balances).toEqual({ A: '10.00', B: '20.00', C: '40.00' });
    expect(result.cycles).toEqual([{ id: 1, net: { B: '-30.00', C: '30.00' }, bilateral: [{ from: 'B', to: 'C', amount: '30.00' }] }]);
  });

  it('refuses malformed files, naming the step and field', () => {
    const bad = (steps: unknown[], extra: Record<string, unknown> = {}) => () => runScenario({ currency: 'CNY', participants, steps, ...extra });
    expect(bad([{ pay: { id: 'p1', kind: 'hvps', from: 'A', to: 'B', amount: 'abc' } }])).toThrow(/steps\[0\]\.pay\.amount/);
    expect(bad([{ offset: true }, { pay: { id: 'p1', kind: 'hvps', from: 'A', to: 'B', amount: '1e3' } }])).toThrow(/steps\[1\]\.pay\.amount/);
    expect(bad([{ pay: { id: 'p1', kind: 'hvps', from: 'A', to: 'B', amount: '1.00', memo: 'x' } }])).toThrow(/steps\[0\]\.pay: Unrecognized key/);
    expect(bad([{ offset: true, closeCycle: true }])).toThrow(/steps\[0\]: a step is an object with exactly one of/);
    expect(bad([{ pay: { id: 'p1', kind: 'wire', from: 'A', to: 'B', amount: '1.00' } }])).toThrow(/steps\[0\]\.pay\.kind/);
    expect(bad([{ pay: { id: 'p1', kind: 'hvps', from: 'A', to: 'B', amount: '1.001' } }])).toThrow(/at most 2 decimal places/);
    expect(bad([], { extra: 1 })).toThrow(/Unrecognized key/);
    expect(() => runScenario({ currency: 'CNY', participants: [{ id: 'A', balance: '-1.00', netDebitCap: '0.00' }], steps: [] })).toThrow(ScenarioError);
  });
});
