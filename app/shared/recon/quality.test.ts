import { describe, expect, it } from 'vitest';
import { reconcile } from './engine';
import { generateReconCase, linkQuality } from './synthetic';

/**
 * Link precision and recall on generated data with known truth at 20,000 lines a side
 * (targets: precision >= 0.99, recall >= 0.97). Common amounts paid to the same
 * payees on nearby days are in the mix; when dates cannot tell them apart they are left for
 * a person, which is what keeps precision up and costs the recall that is missing.
 */
describe('matching quality on generated data (20,000 lines a side)', () => {
  for (const seed of [1, 2026]) {
    it(`seed ${seed}: precision >= 0.99, recall >= 0.97`, () => {
      const data = generateReconCase({ seed, linesPerSide: 20_000 });
      const result = reconcile(data.books, data.statement);
      const q = linkQuality(result.matches, data.links);
      const byRule: Record<string, number> = {};
      for (const m of result.matches) byRule[m.rule] = (byRule[m.rule] ?? 0) + 1;
      console.log(
        JSON.stringify({ seed, books: data.books.length, statement: data.statement.length, precision: q.precision, recall: q.recall, predicted: q.predicted, correct: q.correct, truth: q.truth, byRule }),
      );
      // Every case was generated and every rule fired.
      for (const count of Object.values(data.counts)) expect(count).toBeGreaterThan(50);
      for (const rule of ['reference', 'reference-fee', 'reference-group', 'amount-date', 'amount-date-fee', 'one-to-many', 'many-to-one']) {
        expect(byRule[rule] ?? 0).toBeGreaterThan(50);
      }
      expect(data.statement.length).toBeGreaterThanOrEqual(19_000);
      expect(q.precision).toBeGreaterThanOrEqual(0.99);
      expect(q.recall).toBeGreaterThanOrEqual(0.97);
    });
  }
});
