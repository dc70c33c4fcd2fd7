/**
 * The one subset (2..maxParts items) of the magnitudes whose sum lies in [lo, hi], or null
 * when there is none, more than one, or the step budget ran out before the search finished.
 * A subset summing exactly to `exact` outranks those that only fit within the fee: one exact
 * split beside a near one that adds a small line is still one answer.
 * (The matcher runs the same search on numbers, SubsetSearch, when every sum is exact as one.)
 */
export function uniqueSubset(values: bigint[], lo: bigint, hi: bigint, exact: bigint, maxParts: number, maxSteps: number): number[] | null {
  const order = values.map((_, i) => i).sort((a, b) => ((values[b] as bigint) > (values[a] as bigint) ? 1 : (values[b] as bigint) < (values[a] as bigint) ? -1 : a - b));
  const sorted = order.map((i) => values[i] as bigint);
  const suffix: bigint[] = new Array<bigint>(sorted.length + 1).fill(0n);
  for (let i = sorted.length - 1; i >= 0; i -= 1) suffix[i] = (suffix[i + 1] as bigint) + (sorted[i] as bigint);
  let steps = 0;
  let aborted = false;
  const exactSolutions: number[][] = [];
  const nearSolutions: number[][] = [];
  const chosen: number[] = [];
  const settled = () => aborted || exactSolutions.length > 1;
  const search = (start: number, sum: bigint): void => {
    if (settled()) return;
    steps += 1;
    if (steps > maxSteps) {
      aborted = true;
      return;
    }
    if (chosen.length >= 2 && sum >= lo && sum <= hi) {
      const found = chosen.map((k) => order[k] as number);
      if (sum === exact) exactSolutions.push(found);
      else if (nearSolutions.length < 2) nearSolutions.push(found);
    }
    if (chosen.length === maxParts) return;
    for (let i = start; i < sorted.length; i += 1) {
      if (sum + (suffix[i] as bigint) < lo) break;
      const next = sum + (sorted[i] as bigint);
      if (next > hi) continue;
      chosen.push(i);
      search(i + 1, next);
      chosen.pop();
      if (settled()) return;
    }
  };
  search(0, 0n);
  if (aborted) return null;
  const answer = exactSolutions.length === 1 ? exactSolutions[0] : exactSolutions.length === 0 && nearSolutions.length === 1 ? nearSolutions[0] : undefined;
  return answer === undefined ? null : [...answer].sort((a, b) => a - b);
}

/**
 * Sums up to this are exact as numbers whatever the pool: the matcher uses SubsetSearch only
 * when the target and its allowance are below it, so the parts (each smaller than the target)
 * and any sum of up to MAX_POOL_LIMIT of them stay below 2^53.
 */
export const NUMBER_SEARCH_LIMIT = 2 ** 47;
/** The largest pool the rules allow (subset.maxPool); 40 * 2^47 < 2^53. */
export const MAX_POOL_LIMIT = 40;

/**
 * uniqueSubset on numbers, with its working arrays made once: the matcher runs it for tens of
 * thousands of targets, and the BigInt version allocates at every step. Same order, same
 * steps, same answer (tested against uniqueSubset); callers keep every value and bound below
 * NUMBER_SEARCH_LIMIT so all arithmetic is exact.
 */
export class SubsetSearch {
  private readonly order = new Int32Array(MAX_POOL_LIMIT);
  private readonly sorted = new Float64Array(MAX_POOL_LIMIT);
  private readonly suffix = new Float64Array(MAX_POOL_LIMIT + 1);
  private readonly chosen = new Int32Array(MAX_POOL_LIMIT);
  private readonly exactFound = new Int32Array(MAX_POOL_LIMIT);
  private readonly nearFound = new Int32Array(MAX_POOL_LIMIT);
  private exactParts = 0;
  private nearParts = 0;
  private exactCount = 0;
  private nearCount = 0;
  private depth = 0;
  private steps = 0;
  private aborted = false;
  private count = 0;
  private lo = 0;
  private hi = 0;
  private exact = 0;
  private maxParts = 0;
  private maxSteps = 0;

  /** Positions (ascending) into values[0..count) of the one subset, or null (see uniqueSubset). */
  unique(values: ArrayLike<number>, count: number, lo: number, hi: number, exact: number, maxParts: number, maxSteps: number): number[] | null {
    if (count > MAX_POOL_LIMIT) throw new Error(`subset search over ${count} values: more than ${MAX_POOL_LIMIT}`);
    // Largest first, ties by position: an insertion sort, the pool is at most 40 long.
    for (let i = 0; i < count; i += 1) {
      const value = values[i] as number;
      let at = i;
      while (at > 0 && (this.sorted[at - 1] as number) < value) {
        this.sorted[at] = this.sorted[at - 1] as number;
        this.order[at] = this.order[at - 1] as number;
        at -= 1;
      }
      this.sorted[at] = value;
      this.order[at] = i;
    }
    this.suffix[count] = 0;
    for (let i = count - 1; i >= 0; i -= 1) this.suffix[i] = (this.suffix[i + 1] as number) + (this.sorted[i] as number);
    this.count = count;
    this.lo = lo;
    this.hi = hi;
    this.exact = exact;
    this.maxParts = maxParts;
    this.maxSteps = maxSteps;
    this.exactCount = 0;
    this.nearCount = 0;
    this.depth = 0;
    this.steps = 0;
    this.aborted = false;
    this.search(0, 0);
    if (this.aborted) return null;
    if (this.exactCount === 1) return this.answer(this.exactFound, this.exactParts);
    if (this.exactCount === 0 && this.nearCount === 1) return this.answer(this.nearFound, this.nearParts);
    return null;
  }

  private settled(): boolean {
    return this.aborted || this.exactCount > 1;
  }

  private search(start: number, sum: number): void {
    if (this.settled()) return;
    this.steps += 1;
    if (this.steps > this.maxSteps) {
      this.aborted = true;
      return;
    }
    if (this.depth >= 2 && sum >= this.lo && sum <= this.hi) {
      if (sum === this.exact) {
        this.exactCount += 1;
        if (this.exactCount === 1) this.exactParts = this.keep(this.exactFound);
      } else if (this.nearCount < 2) {
        this.nearCount += 1;
        if (this.nearCount === 1) this.nearParts = this.keep(this.nearFound);
      }
    }
    if (this.depth === this.maxParts) return;
    for (let i = start; i < this.count; i += 1) {
      if (sum + (this.suffix[i] as number) < this.lo) break;
      const next = sum + (this.sorted[i] as number);
      if (next > this.hi) continue;
      this.chosen[this.depth] = i;
      this.depth += 1;
      this.search(i + 1, next);
      this.depth -= 1;
      if (this.settled()) return;
    }
  }

  /** Copies the chosen positions (as input positions) into `into`; returns how many. */
  private keep(into: Int32Array): number {
    for (let k = 0; k < this.depth; k += 1) into[k] = this.order[this.chosen[k] as number] as number;
    return this.depth;
  }

  private answer(found: Int32Array, parts: number): number[] {
    const out: number[] = [];
    for (let k = 0; k < parts; k += 1) out.push(found[k] as number);
    return out.sort((a, b) => a - b);
  }
}
