import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DENSE_PARTICIPANTS, MAX_PAIR_PARTICIPANTS, PairPositions } from './pair-positions';

/** The obvious model: a Map per unordered pair, insertion order kept (what the class replaced). */
class MapModel {
  readonly byPair = new Map<number, bigint>();
  add(from: number, to: number, amountMinor: bigint): void {
    const key = Math.min(from, to) * MAX_PAIR_PARTICIPANTS + Math.max(from, to);
    this.byPair.set(key, (this.byPair.get(key) ?? 0n) + (from < to ? -amountMinor : amountMinor));
  }
  get(of: number, toward: number): bigint {
    const value = this.byPair.get(Math.min(of, toward) * MAX_PAIR_PARTICIPANTS + Math.max(of, toward)) ?? 0n;
    return of < toward ? value : -value;
  }
  of(of: number): [number, bigint][] {
    const out: [number, bigint][] = [];
    for (const [key, value] of this.byPair) {
      const lo = Math.floor(key / MAX_PAIR_PARTICIPANTS);
      const hi = key - lo * MAX_PAIR_PARTICIPANTS;
      if (value === 0n) continue;
      if (lo === of) out.push([hi, value]);
      else if (hi === of) out.push([lo, -value]);
    }
    return out;
  }
}

const BIG = 99_999_999_999_999_999n;

describe('pair positions', () => {
  it('keeps positions antisymmetric and lists counterparties in the order first paid', () => {
    const pairs = new PairPositions();
    pairs.add(3, 1, 500n);
    pairs.add(1, 2, 200n);
    pairs.add(1, 3, 100n);
    expect(pairs.get(1, 3)).toBe(400n);
    expect(pairs.get(3, 1)).toBe(-400n);
    expect(pairs.get(1, 2)).toBe(-200n);
    expect(pairs.get(0, 1)).toBe(0n);
    expect([...pairs.of(1)]).toEqual([[3, 400n], [2, -200n]]);
    expect(pairs.totals(4)).toEqual([0n, 200n, 200n, -400n]);
    pairs.clear();
    expect(pairs.get(1, 3)).toBe(0n);
    expect([...pairs.of(1)]).toEqual([]);
  });

  it('stays exact past the int64 range (money round a ring) and past the dense square', () => {
    const pairs = new PairPositions();
    const model = new MapModel();
    // 0 -> 1 -> 2 -> 0 a hundred times at the largest amount: 0's position toward 1 passes -2^63.
    for (let lap = 0; lap < 100; lap += 1) {
      for (const [from, to] of [[0, 1], [1, 2], [2, 0]] as const) {
        pairs.add(from, to, BIG);
        model.add(from, to, BIG);
      }
    }
    expect(pairs.get(0, 1)).toBe(-100n * BIG);
    expect(pairs.get(1, 0)).toBe(100n * BIG);
    // A participant beyond the square, then one that makes the square grow.
    pairs.add(MAX_DENSE_PARTICIPANTS + 5, 0, 7n);
    model.add(MAX_DENSE_PARTICIPANTS + 5, 0, 7n);
    pairs.add(40, 2, 9n);
    model.add(40, 2, 9n);
    for (const of of [0, 1, 2, 40, MAX_DENSE_PARTICIPANTS + 5]) expect([...pairs.of(of)]).toEqual(model.of(of));
    expect(pairs.totals(MAX_DENSE_PARTICIPANTS + 6)[0]).toBe(7n);
  });

  it('agrees with the map model on any sequence of settlements', () => {
    const settlement = fc.record({
      from: fc.nat(40),
      to: fc.nat(40),
      amountMinor: fc.oneof(fc.bigInt(1n, 10_000n), fc.constant(BIG)),
    });
    fc.assert(
      fc.property(fc.array(settlement, { maxLength: 300 }), fc.nat(40), (settlements, probe) => {
        const pairs = new PairPositions();
        const model = new MapModel();
        for (const { from, to, amountMinor } of settlements) {
          if (from === to) continue;
          pairs.add(from, to, amountMinor);
          model.add(from, to, amountMinor);
        }
        for (let other = 0; other <= 40; other += 1) expect(pairs.get(probe, other)).toBe(model.get(probe, other));
        expect([...pairs.of(probe)]).toEqual(model.of(probe));
      }),
      { numRuns: 200 },
    );
  });
});
