import { feeScore, type MatchState, type SideState } from './match-state';

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
  searchSide(state, 'one-to-many');
  searchSide(state, 'many-to-one');
}

function searchSide(state: MatchState, rule: 'one-to-many' | 'many-to-one'): void {
  const rules = state.rules.subset;
  const targets = rule === 'one-to-many' ? state.books : state.statement;
  const parts = rule === 'one-to-many' ? state.statement : state.books;
  const pools = poolsOf(parts);
  const targetPools = poolsOf(targets);
  for (const t of targets.unmatched()) {
    if (targets.matched[t] !== 0) continue;
    const target = targets.line(t);
    const name = targets.nameId(t);
    if (name === 0 || target.amountMinor === 0n) continue;
    const negative = target.amountMinor < 0n;
    const group = pools.get(target.currency)?.get(poolKey(negative, name));
    if (group === undefined) continue;
    const tDay = targets.day(t);
    const targetMagnitude = negative ? -target.amountMinor : target.amountMinor;
    // Groups are sorted by day: take the window by binary search, not by a scan of the group.
    const from = firstOnOrAfter(group, tDay - rules.dateWindowDays);
    let to = from;
    while (to < group.lines.length && (group.days[to] as number) <= tDay + rules.dateWindowDays) to += 1;
    if (to - from > rules.maxPool * CROWD_FACTOR) continue;
    // The target's own group, looked up once rather than once per candidate part.
    const targetGroup = targetPools.get(target.currency)?.get(poolKey(negative, name));
    const pool: number[] = [];
    for (let k = from; k < to; k += 1) {
      const i = group.lines[k] as number;
      const day = group.days[k] as number;
      if (parts.matched[i] !== 0 || Math.abs(day - tDay) > rules.dateWindowDays) continue;
      const amount = parts.line(i).amountMinor;
      if ((negative ? -amount : amount) >= targetMagnitude) continue;
      // A line that could be one-to-one with an open line on the other side is not split material.
      if (!hasExactPartner(targets, targetGroup, day, group.high[k] as number, group.low[k] as number, rules.dateWindowDays)) pool.push(i);
    }
    if (pool.length < 2 || pool.length > rules.maxPool) continue;
    const allowance = state.feeAllowance(target.amountMinor);
    // The books side carries the expected amount; the statement is that, less any fee (signed).
    // In magnitudes: a credit arrives smaller, a debit leaves larger.
    const booksIsTarget = rule === 'one-to-many';
    const statementSmaller = !negative;
    const [lo, hi] = booksIsTarget
      ? statementSmaller
        ? [targetMagnitude - allowance, targetMagnitude]
        : [targetMagnitude, targetMagnitude + allowance]
      : statementSmaller
        ? [targetMagnitude, targetMagnitude + allowance]
        : [targetMagnitude - allowance, targetMagnitude];
    const found = uniqueSubset(pool.map((i) => magnitude(parts.line(i).amountMinor)), lo, hi, targetMagnitude, rules.maxParts, rules.maxSteps);
    if (found === null) continue;
    const chosen = found.map((k) => pool[k] as number);
    const partsSum = chosen.reduce((sum, i) => sum + parts.line(i).amountMinor, 0n);
    const [booksSum, statementSum] = booksIsTarget ? [target.amountMinor, partsSum] : [partsSum, target.amountMinor];
    const fee = state.feeBetween(booksSum, statementSum);
    if (fee === null) continue;
    const score = (0.9 - 0.02 * (chosen.length - 2)) * feeScore(fee, state.feeAllowance(booksSum), 0.1);
    if (booksIsTarget) state.record([t], chosen, rule, score);
    else state.record(chosen, [t], rule, score);
  }
}

/** A window holding this many times the pool limit is a crowd even before filtering. */
const CROWD_FACTOR = 4;

function magnitude(amount: bigint): bigint {
  return amount < 0n ? -amount : amount;
}

/** Name id and sign in one small integer: the pool key within a currency. */
function poolKey(negative: boolean, name: number): number {
  return name * 2 + (negative ? 1 : 0);
}

/**
 * One pool group: line indexes sorted by day, with their days and amount halves (see rule 2)
 * as columns, so the window search and the exact-partner test read arrays, not line objects.
 */
interface Group {
  lines: number[];
  days: Int32Array;
  high: Int32Array;
  low: Uint32Array;
}

type Pools = Map<string, Map<number, Group>>;

/** Unmatched lines with a counterparty, grouped by currency, then sign and name; each group by day. */
function poolsOf(side: SideState): Pools {
  const pools = new Map<string, Map<number, number[]>>();
  for (const i of side.unmatched()) {
    const name = side.nameId(i);
    const line = side.line(i);
    if (name === 0 || line.amountMinor === 0n) continue;
    let byKey = pools.get(line.currency);
    if (byKey === undefined) {
      byKey = new Map();
      pools.set(line.currency, byKey);
    }
    const key = poolKey(line.amountMinor < 0n, name);
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, [i]);
    else group.push(i);
  }
  const out: Pools = new Map();
  for (const [currency, byKey] of pools) {
    const groups = new Map<number, Group>();
    for (const [key, lines] of byKey) {
      lines.sort((x, y) => side.day(x) - side.day(y) || x - y);
      const days = Int32Array.from(lines, (i) => side.day(i));
      const high = Int32Array.from(lines, (i) => Number(side.line(i).amountMinor >> 32n));
      const low = Uint32Array.from(lines, (i) => Number(side.line(i).amountMinor & 0xffff_ffffn));
      groups.set(key, { lines, days, high, low });
    }
    out.set(currency, groups);
  }
  return out;
}

function firstOnOrAfter(group: Group, day: number): number {
  let lo = 0;
  let hi = group.lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((group.days[mid] as number) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The one subset (2..maxParts items) of the magnitudes whose sum lies in [lo, hi], or null
 * when there is none, more than one, or the step budget ran out before the search finished.
 * A subset summing exactly to `exact` outranks those that only fit within the fee: one exact
 * split beside a near one that adds a small line is still one answer.
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

/** Whether an open line of `side` in the (day-sorted) group has this amount within the window. */
function hasExactPartner(side: SideState, group: Group | undefined, day: number, high: number, low: number, windowDays: number): boolean {
  if (group === undefined) return false;
  for (let k = firstOnOrAfter(group, day - windowDays); k < group.lines.length; k += 1) {
    if ((group.days[k] as number) > day + windowDays) break;
    // Equal halves, equal amounts.
    if (group.high[k] === high && group.low[k] === low && side.matched[group.lines[k] as number] === 0) return true;
  }
  return false;
}
