import { feeScore, type MatchState, type SideState } from './match-state';
import { MAX_POOL_LIMIT, NUMBER_SEARCH_LIMIT, SubsetSearch, uniqueSubset } from './subset-search';

export { uniqueSubset } from './subset-search';

/**
 * Rule 3, splits and batches, for what rules 1 and 2 left: one books line paid in several
 * statement lines (one-to-many), or several books lines settled as one statement line
 * (many-to-one). The parts must share the target's currency, sign and counterparty (same
 * normalised name), fall within the date window and each be smaller than the target. The
 * search is bounded (pool size, parts, steps); a target is matched only when exactly one
 * subset fits, so a coincidence of two possible subsets is left for a person.
 */
export function matchSubsets(state: MatchState): void {
  if (!state.rules.subset.enabled) return;
  const search = new SubsetSearch();
  searchSide(state, 'one-to-many', search);
  searchSide(state, 'many-to-one', search);
}

/** A window holding this many times the pool limit is a crowd even before filtering. */
const CROWD_FACTOR = 4;

function searchSide(state: MatchState, rule: 'one-to-many' | 'many-to-one', search: SubsetSearch): void {
  const rules = state.rules.subset;
  const window = rules.dateWindowDays;
  const targets = rule === 'one-to-many' ? state.books : state.statement;
  const parts = rule === 'one-to-many' ? state.statement : state.books;
  const pools = new Pools(parts, state.currencyCount);
  const targetPools = new Pools(targets, state.currencyCount);
  const booksIsTarget = rule === 'one-to-many';
  const pool = new Int32Array(rules.maxPool);
  const magnitudes = new Float64Array(Math.min(rules.maxPool, MAX_POOL_LIMIT));
  const open = targets.unmatched();
  for (let k = 0; k < open.length; k += 1) {
    const t = open[k] as number;
    if (targets.matched[t] !== 0) continue;
    const name = targets.nameId(t);
    const targetAmount = targets.amount[t] as number;
    if (name === 0 || targetAmount === 0) continue;
    const negative = targetAmount < 0;
    const g = pools.groupOf(targets.currency[t] as number, negative, name);
    if (g < 0) continue;
    const tDay = targets.day[t] as number;
    const targetMagnitude = negative ? -targetAmount : targetAmount;
    // Groups are sorted by day: take the window by binary search, not by a scan of the group.
    const from = pools.firstOnOrAfter(g, tDay - window);
    const groupEnd = pools.start[g + 1] as number;
    let to = from;
    while (to < groupEnd && (pools.days[to] as number) <= tDay + window) to += 1;
    if (to - from > rules.maxPool * CROWD_FACTOR) continue;
    // The target's own group, looked up once rather than once per candidate part.
    const targetGroup = targetPools.groupOf(targets.currency[t] as number, negative, name);
    const allowanceMinor = state.feeAllowanceOf(targets, t);
    // Beyond NUMBER_SEARCH_LIMIT (over a trillion yuan) the sums are done in BigInt.
    const exactAsNumbers = targetMagnitude + allowanceMinor < NUMBER_SEARCH_LIMIT;
    let size = 0;
    let crowd = false;
    for (let p = from; p < to; p += 1) {
      const i = pools.lines[p] as number;
      if (parts.matched[i] !== 0) continue;
      const amount = parts.amount[i] as number;
      // Exact below 2^53; a part beyond it is rounded but still not below a smaller target.
      const partMagnitude = negative ? -amount : amount;
      if (exactAsNumbers ? partMagnitude >= targetMagnitude : !smallerMagnitude(parts, i, targets, t)) continue;
      // A line that could be one-to-one with an open line on the other side is not split material.
      if (targetPools.hasOpenAmount(targetGroup, pools.days[p] as number, parts.high[i] as number, parts.low[i] as number, window)) continue;
      if (size === rules.maxPool) {
        crowd = true;
        break;
      }
      pool[size++] = i;
    }
    if (crowd || size < 2) continue;
    // The books side carries the expected amount; the statement is that, less any fee (signed).
    // In magnitudes: a credit arrives smaller, a debit leaves larger.
    const statementSmaller = !negative;
    const feeBelow = booksIsTarget === statementSmaller;
    let found: number[] | null;
    if (exactAsNumbers) {
      for (let q = 0; q < size; q += 1) {
        const amount = parts.amount[pool[q] as number] as number;
        magnitudes[q] = amount < 0 ? -amount : amount;
      }
      const lo = feeBelow ? targetMagnitude - allowanceMinor : targetMagnitude;
      const hi = feeBelow ? targetMagnitude : targetMagnitude + allowanceMinor;
      found = search.unique(magnitudes, size, lo, hi, targetMagnitude, rules.maxParts, rules.maxSteps);
    } else {
      const magnitude = magnitudeOf(targets.line(t).amountMinor);
      const allowance = BigInt(allowanceMinor);
      const values = Array.from(pool.subarray(0, size), (i) => magnitudeOf(parts.line(i).amountMinor));
      const [lo, hi] = feeBelow ? [magnitude - allowance, magnitude] : [magnitude, magnitude + allowance];
      found = uniqueSubset(values, lo, hi, magnitude, rules.maxParts, rules.maxSteps);
    }
    if (found === null) continue;
    const chosen = found.map((q) => pool[q] as number);
    // The money decision in BigInt, as every rule makes it.
    const targetMinor = targets.line(t).amountMinor;
    const partsSum = chosen.reduce((sum, i) => sum + parts.line(i).amountMinor, 0n);
    const [booksSum, statementSum] = booksIsTarget ? [targetMinor, partsSum] : [partsSum, targetMinor];
    const fee = state.feeBetween(booksSum, statementSum);
    if (fee === null) continue;
    const score = (0.9 - 0.02 * (chosen.length - 2)) * feeScore(fee, state.feeAllowance(booksSum), 0.1);
    if (booksIsTarget) state.record([t], chosen, rule, score);
    else state.record(chosen, [t], rule, score);
  }
}

function magnitudeOf(amount: bigint): bigint {
  return amount < 0n ? -amount : amount;
}

/** |parts line i| < |targets line t|, in BigInt: only for amounts beyond NUMBER_SEARCH_LIMIT. */
function smallerMagnitude(parts: SideState, i: number, targets: SideState, t: number): boolean {
  return magnitudeOf(parts.line(i).amountMinor) < magnitudeOf(targets.line(t).amountMinor);
}

/**
 * One side's open lines that have a counterparty and an amount, grouped by currency, sign and
 * name, each group in day order (then input order), as columns: group g holds positions
 * [start[g], start[g + 1]) of lines/days. Built by two counting sorts (by day, then stably by
 * group), not a comparator sort.
 */
class Pools {
  readonly lines: Int32Array;
  readonly days: Int32Array;
  readonly start: Int32Array;
  private readonly groupByKey = new Map<number, number>();
  private readonly high: Int32Array;
  private readonly low: Uint32Array;

  constructor(
    private readonly side: SideState,
    private readonly currencyCount: number,
  ) {
    const open = side.unmatched();
    let count = 0;
    let firstDay = Infinity;
    let lastDay = -Infinity;
    const groupOfLine = new Int32Array(open.length);
    const groupSize: number[] = [];
    for (let k = 0; k < open.length; k += 1) {
      const i = open[k] as number;
      const name = side.nameId(i);
      const amount = side.amount[i] as number;
      if (name === 0 || amount === 0) continue;
      const key = this.key(side.currency[i] as number, amount < 0, name);
      let g = this.groupByKey.get(key);
      if (g === undefined) {
        g = groupSize.length;
        this.groupByKey.set(key, g);
        groupSize.push(0);
      }
      groupSize[g] = (groupSize[g] as number) + 1;
      groupOfLine[count] = g;
      open[count] = i;
      count += 1;
      const day = side.day[i] as number;
      if (day < firstDay) firstDay = day;
      if (day > lastDay) lastDay = day;
    }
    // By day first (stable, so input order within a day)...
    const byDay = new Int32Array(count);
    const groupByDay = new Int32Array(count);
    if (count > 0) {
      const dayStart = new Int32Array(lastDay - firstDay + 2);
      for (let k = 0; k < count; k += 1) {
        const d = (side.day[open[k] as number] as number) - firstDay + 1;
        dayStart[d] = (dayStart[d] as number) + 1;
      }
      for (let d = 1; d < dayStart.length; d += 1) dayStart[d] = (dayStart[d] as number) + (dayStart[d - 1] as number);
      for (let k = 0; k < count; k += 1) {
        const at = (dayStart[(side.day[open[k] as number] as number) - firstDay] as number)++;
        byDay[at] = open[k] as number;
        groupByDay[at] = groupOfLine[k] as number;
      }
    }
    // ...then by group, stably: each group comes out in day order.
    this.start = new Int32Array(groupSize.length + 1);
    for (let g = 0; g < groupSize.length; g += 1) this.start[g + 1] = (this.start[g] as number) + (groupSize[g] as number);
    const fill = this.start.slice(0, groupSize.length);
    this.lines = new Int32Array(count);
    this.days = new Int32Array(count);
    this.high = new Int32Array(count);
    this.low = new Uint32Array(count);
    for (let k = 0; k < count; k += 1) {
      const i = byDay[k] as number;
      const at = (fill[groupByDay[k] as number] as number)++;
      this.lines[at] = i;
      this.days[at] = side.day[i] as number;
      this.high[at] = side.high[i] as number;
      this.low[at] = side.low[i] as number;
    }
  }

  /** Currency, sign and name in one number (exact: name ids are below 2^22). */
  private key(currency: number, negative: boolean, name: number): number {
    return (name * 2 + (negative ? 1 : 0)) * this.currencyCount + currency;
  }

  /** The group of lines with this currency, sign and name, or -1. */
  groupOf(currency: number, negative: boolean, name: number): number {
    return this.groupByKey.get(this.key(currency, negative, name)) ?? -1;
  }

  firstOnOrAfter(g: number, day: number): number {
    let lo = this.start[g] as number;
    let hi = this.start[g + 1] as number;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.days[mid] as number) < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether group g has an open line of this amount (halves) within the window of `day`. */
  hasOpenAmount(g: number, day: number, high: number, low: number, windowDays: number): boolean {
    if (g < 0) return false;
    const end = this.start[g + 1] as number;
    for (let k = this.firstOnOrAfter(g, day - windowDays); k < end; k += 1) {
      if ((this.days[k] as number) > day + windowDays) break;
      // Equal halves, equal amounts.
      if (this.high[k] === high && this.low[k] === low && this.side.matched[this.lines[k] as number] === 0) return true;
    }
    return false;
  }
}
