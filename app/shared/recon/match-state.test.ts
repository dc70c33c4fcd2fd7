import { describe, expect, it } from 'vitest';
import { MatchState } from './match-state';
import { parseRules } from './rules';
import type { StatementLine } from './statement-line';

function lines(amounts: bigint[]): StatementLine[] {
  return amounts.map((amountMinor, i) => ({ id: `L${i}`, date: '2026-11-26', amountMinor, currency: 'CNY', reference: null, endToEndId: null, counterparty: null, description: null }));
}

describe('MatchState columns', () => {
  const amounts = [0n, 1n, -1n, 199n, 200n, 201n, 399_999n, 400_000n, -400_001n, 4_294_967_295n, 4_294_967_296n, -4_294_967_297n];
  const huge = [2n ** 53n - 1n, 2n ** 53n, -(2n ** 53n) - 1n, 99_999_999_999_999_999n, -99_999_999_999_999_999n];

  it('feeAllowanceOf (numbers) equals feeAllowance (BigInt) for every amount and rules file', () => {
    for (const feeTolerance of [{}, { absoluteMinor: 0 }, { relativeBasisPoints: 0 }, { absoluteMinor: 1_000_000_000, relativeBasisPoints: 10_000 }, { absoluteMinor: 7, relativeBasisPoints: 3 }]) {
      const all = [...amounts, ...huge];
      const state = new MatchState(lines(all), [], parseRules({ feeTolerance }));
      all.forEach((amount, i) => expect(state.feeAllowanceOf(state.books, i), `${amount}`).toBe(Number(state.feeAllowance(amount))));
    }
  });

  it('keeps each amount exactly as two 32-bit halves, either sign, up to the money limit', () => {
    const all = [...amounts, ...huge];
    const state = new MatchState(lines(all), [], parseRules({}));
    all.forEach((amount, i) => {
      expect(BigInt(state.books.high[i] as number) * 2n ** 32n + BigInt(state.books.low[i] as number)).toBe(amount);
      expect(state.books.low[i]).toBeGreaterThanOrEqual(0);
    });
    expect(state.books.sameAmount(all.indexOf(2n ** 53n), all.indexOf(2n ** 53n - 1n))).toBe(false);
  });

  it('refuses a bad date, naming the side and the line', () => {
    const bad = { ...(lines([5n])[0] as StatementLine), id: 'x7', date: '2026-02-30' };
    expect(() => new MatchState([], [bad], parseRules({}))).toThrow('statement: line "x7": "2026-02-30" is not a calendar date');
  });
});
