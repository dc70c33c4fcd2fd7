import { feeScore, type MatchState } from './match-state';

/** Weights of the amount-date score: the counterparty counts most once the amount agrees. */
const WEIGHT_AMOUNT = 0.35;
const WEIGHT_DATE = 0.25;
const WEIGHT_COUNTERPARTY = 0.4;
/** A side without a counterparty name earns half the counterparty weight: neither for nor against. */
const UNKNOWN_COUNTERPARTY = 0.5;
/**
 * Rule 2, for lines whose reference was lost: same currency, the statement amount equal to
 * the books amount or below it by an allowed fee, dates within the window, and counterparty
 * names that agree (a known name below the similarity floor rules a pair out). A pair is
 * matched only when each is the other's best candidate by at least the ambiguity margin;
 * everything else (the same common amount from the same payer on the same day) waits for a
 * person.
 */
export function matchByAmountAndDate(state: MatchState): void {
  const rules = state.rules.amountDate;
  if (!rules.enabled) return;
  // One pass. A second pass over what was left (a sure match clearing the way for another)
  // found no further links on the generated data and doubled the cost.
  oneRound(state);
}

interface Sorted {
  index: Int32Array;
  currency: string[];
  amount: bigint[];
  day: Int32Array;
}

function sortUnmatchedStatement(state: MatchState): Sorted {
  const side = state.statement;
  const order = side.unmatched();
  order.sort((x, y) => {
    const a = side.line(x);
    const b = side.line(y);
    if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
    if (a.amountMinor !== b.amountMinor) return a.amountMinor < b.amountMinor ? -1 : 1;
    return side.day(x) - side.day(y) || x - y;
  });
  return {
    index: Int32Array.from(order),
    currency: order.map((i) => side.line(i).currency),
    amount: order.map((i) => side.line(i).amountMinor),
    day: Int32Array.from(order, (i) => side.day(i)),
  };
}

/** First position whose (currency, amount, day) is not below the given key. */
function lowerBound(sorted: Sorted, currency: string, amount: bigint, day: number): number {
  let lo = 0;
  let hi = sorted.index.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = sorted.currency[mid] as string;
    const a = sorted.amount[mid] as bigint;
    const below = c < currency || (c === currency && (a < amount || (a === amount && (sorted.day[mid] as number) < day)));
    if (below) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function oneRound(state: MatchState): number {
  const rules = state.rules.amountDate;
  const window = rules.dateWindowDays;
  const sorted = sortUnmatchedStatement(state);
  const n = sorted.index.length;
  const pairB: number[] = [];
  const pairS: number[] = [];
  const pairScore: number[] = [];
  const crowded = new Set<number>();
  for (const b of state.books.unmatched()) {
    const book = state.books.line(b);
    const bDay = state.books.day(b);
    const allowance = state.feeAllowance(book.amountMinor);
    const lowest = book.amountMinor - allowance;
    let candidates = 0;
    let p = lowerBound(sorted, book.currency, lowest, bDay - window);
    scan: while (p < n && sorted.currency[p] === book.currency && (sorted.amount[p] as bigint) <= book.amountMinor) {
      const amount = sorted.amount[p] as bigint;
      // Re-enter this amount's run at the window's first day: runs are sorted by day.
      p = lowerBound(sorted, book.currency, amount, bDay - window);
      while (p < n && sorted.amount[p] === amount && sorted.currency[p] === book.currency && (sorted.day[p] as number) <= bDay + window) {
        const s = sorted.index[p] as number;
        p += 1;
        if (state.statement.matched[s] !== 0) continue;
        candidates += 1;
        if (candidates > rules.maxCandidates) break scan;
        const score = pairScore_(state, b, s, bDay, sorted.day[p - 1] as number, book.amountMinor - amount, allowance);
        if (score !== null) {
          pairB.push(b);
          pairS.push(s);
          pairScore.push(score);
        }
      }
      p = lowerBound(sorted, book.currency, amount + 1n, bDay - window);
    }
    if (candidates > rules.maxCandidates) crowded.add(b);
  }
  return acceptMutualBest(state, pairB, pairS, pairScore, crowded);
}

function pairScore_(state: MatchState, b: number, s: number, bDay: number, sDay: number, fee: bigint, allowance: bigint): number | null {
  const rules = state.rules.amountDate;
  const similarity = state.similarity(b, s);
  if (similarity !== null && similarity < rules.minCounterpartySimilarity) return null;
  // Without a counterparty to vouch for it, an amount that is merely close is a coincidence.
  if (similarity === null && fee !== 0n) return null;
  const amountScore = feeScore(fee, allowance, 0.5);
  const dateScore = 1 - Math.abs(bDay - sDay) / (rules.dateWindowDays + 1);
  const score = WEIGHT_AMOUNT * amountScore + WEIGHT_DATE * dateScore + WEIGHT_COUNTERPARTY * (similarity ?? UNKNOWN_COUNTERPARTY);
  return score >= rules.minScore ? score : null;
}

/** Accepts pairs that are each other's clear best; returns how many it matched. */
function acceptMutualBest(state: MatchState, pairB: number[], pairS: number[], pairScore: number[], crowded: Set<number>): number {
  const margin = state.rules.amountDate.ambiguityMargin;
  const bestB = new Map<number, { pair: number; second: number }>();
  const bestS = new Map<number, { pair: number; second: number }>();
  const consider = (map: Map<number, { pair: number; second: number }>, key: number, pair: number) => {
    const current = map.get(key);
    const score = pairScore[pair] as number;
    if (current === undefined) map.set(key, { pair, second: -Infinity });
    else if (score > (pairScore[current.pair] as number)) map.set(key, { pair, second: pairScore[current.pair] as number });
    else if (score > current.second) current.second = score;
  };
  for (let k = 0; k < pairB.length; k += 1) {
    consider(bestB, pairB[k] as number, k);
    consider(bestS, pairS[k] as number, k);
  }
  const twins = findTwins(state, pairB, pairS, bestB, bestS);
  let made = 0;
  for (const [b, best] of bestB) {
    if (crowded.has(b) || twins.has(best.pair)) continue;
    const s = pairS[best.pair] as number;
    const other = bestS.get(s);
    if (other === undefined || other.pair !== best.pair) continue;
    const score = pairScore[best.pair] as number;
    if (score - best.second < margin || score - other.second < margin) continue;
    const fee = state.books.line(b).amountMinor - state.statement.line(s).amountMinor;
    state.record([b], [s], fee === 0n ? 'amount-date' : 'amount-date-fee', Math.min(score, 0.95));
    made += 1;
  }
  return made;
}

/**
 * A best pair has a twin when one of its lines has another candidate identical to its partner
 * in amount and counterparty (only the date differs): utility bills of the same amount to the
 * same payee on nearby days. Dates alone cannot prove which is which, so a person decides.
 */
function findTwins(
  state: MatchState,
  pairB: number[],
  pairS: number[],
  bestB: Map<number, { pair: number }>,
  bestS: Map<number, { pair: number }>,
): Set<number> {
  const books = state.books;
  const statement = state.statement;
  const twinB = new Set<number>();
  const twinS = new Set<number>();
  for (let k = 0; k < pairB.length; k += 1) {
    const b = pairB[k] as number;
    const s = pairS[k] as number;
    const bBest = bestB.get(b);
    if (bBest !== undefined && bBest.pair !== k) {
      const partner = pairS[bBest.pair] as number;
      if (statement.line(partner).amountMinor === statement.line(s).amountMinor && statement.nameId(partner) === statement.nameId(s)) twinB.add(b);
    }
    const sBest = bestS.get(s);
    if (sBest !== undefined && sBest.pair !== k) {
      const partner = pairB[sBest.pair] as number;
      if (books.line(partner).amountMinor === books.line(b).amountMinor && books.nameId(partner) === books.nameId(b)) twinS.add(s);
    }
  }
  const twins = new Set<number>();
  for (const { pair } of bestB.values()) if (twinB.has(pairB[pair] as number) || twinS.has(pairS[pair] as number)) twins.add(pair);
  return twins;
}
