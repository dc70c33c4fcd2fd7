import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SubsetSearch, uniqueSubset } from './subset-search';

describe('SubsetSearch (numbers) against uniqueSubset (BigInt)', () => {
  it('gives the same answer, budget cut-offs included', () => {
    const search = new SubsetSearch();
    fc.assert(
      fc.property(
        // Small values repeat, so ties, several exact subsets and near ones all turn up.
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 0, maxLength: 16 }),
        fc.integer({ min: 2, max: 200 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 300 }),
        (values, exact, below, above, maxParts, maxSteps) => {
          const lo = exact - below;
          const hi = exact + above;
          const expected = uniqueSubset(values.map(BigInt), BigInt(lo), BigInt(hi), BigInt(exact), maxParts, maxSteps);
          expect(search.unique(values, values.length, lo, hi, exact, maxParts, maxSteps)).toEqual(expected);
        },
      ),
      { numRuns: 3000, seed: 20261126 },
    );
  });

  it('the documented cases', () => {
    const search = new SubsetSearch();
    expect(search.unique([500, 300, 200, 7], 4, 1000, 1010, 1000, 5, 10_000)).toEqual([0, 1, 2]); // exact beats near
    expect(search.unique([500, 500, 300, 200], 4, 1000, 1000, 1000, 5, 10_000)).toBeNull(); // two exact: ambiguous
    expect(search.unique([600, 395], 2, 990, 1000, 1000, 5, 10_000)).toEqual([0, 1]); // one near
    const many = Array.from({ length: 30 }, (_, i) => 1000 + i);
    expect(search.unique(many, 30, 5055, 5055, 5055, 5, 100)).toBeNull(); // budget spent
  });
});
