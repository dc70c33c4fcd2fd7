import { intArray, numberArray } from './heap-arrays';
import type { MatchState } from './match-state';

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

/**
 * One currency's open statement lines in two orders: by day then amount (each day's slice
 * searched for the fee range, so that search stays within the window's days), and by amount
 * then day (the exact amount over the whole window is one search, not one per day). Amounts
 * are compared as two 32-bit halves, exact integer compares: comparing heap BigInts in a
 * binary search was the single largest cost at a million lines.
 */
interface Sorted {
  byDay: Ordered;
  byAmount: Ordered;
  /** Day d's slice of byDay is [dayStart[d - firstDay], dayStart[d - firstDay + 1]). */
  firstDay: number;
  dayStart: Int32Array;
}

/** Open statement lines in one order, with what the search reads as columns in that order. */
interface Ordered {
  index: Int32Array;
  high: Int32Array;
  low: Uint32Array;
  day: Int32Array;
  /** Interned counterparty per position: read in scan order, not by a jump into the line. */
  name: Int32Array;
}

/** Open statement lines per currency id, by day and amount: a candidate search is a few short slices. */
function sortUnmatchedStatement(state: MatchState): (Sorted | undefined)[] {
  const side = state.statement;
  const open = side.unmatched();
  const byCurrency: number[][] = [];
  for (let k = 0; k < open.length; k += 1) {
    const i = open[k] as number;
    const currency = side.currency[i] as number;
    const list = byCurrency[currency];
    if (list === undefined) byCurrency[currency] = [i];
    else list.push(i);
  }
  const keyDay = side.day;
  const keyHigh = side.high;
  const keyLow = side.low;
  return byCurrency.map((order) => {
    order.sort((x, y) => {
      const days = (keyDay[x] as number) - (keyDay[y] as number);
      if (days !== 0) return days;
      const highs = (keyHigh[x] as number) - (keyHigh[y] as number);
      if (highs !== 0) return highs;
      const lows = (keyLow[x] as number) - (keyLow[y] as number);
      return lows !== 0 ? lows : x - y;
    });
    const byDay = ordered(side, order);
    const n = order.length;
    const firstDay = byDay.day[0] as number;
    const lastDay = byDay.day[n - 1] as number;
    // A slot per calendar day of the span (a statement covers days to months): a day's slice
    // is two array reads, not a Map lookup.
    const dayStart = new Int32Array(lastDay - firstDay + 2);
    let day = firstDay;
    for (let at = 0; at < n; at += 1) {
      while (day < (byDay.day[at] as number)) {
        day += 1;
        dayStart[day - firstDay] = at;
      }
    }
    dayStart[lastDay - firstDay + 1] = n;
    // The sort is stable: by amount from the day order gives amount, then day, then input order.
    order.sort((x, y) => (keyHigh[x] as number) - (keyHigh[y] as number) || (keyLow[x] as number) - (keyLow[y] as number));
    return { byDay, byAmount: ordered(side, order), firstDay, dayStart };
  });
}

function ordered(side: MatchState['statement'], order: number[]): Ordered {
  const n = order.length;
  const index = Int32Array.from(order);
  const high = new Int32Array(n);
  const low = new Uint32Array(n);
  const day = new Int32Array(n);
  const name = new Int32Array(n);
  for (let at = 0; at < n; at += 1) {
    const i = order[at] as number;
    high[at] = side.high[i] as number;
    low[at] = side.low[i] as number;
    day[at] = side.day[i] as number;
    name[at] = side.nameId(i);
  }
  return { index, high, low, day, name };
}

/** The high half of (high, low) - small, for 0 <= small < 2^32: a borrow when low < small. */
function subtractHigh(high: number, low: number, small: number): number {
  return low < small ? high - 1 : high;
}

/** The low half of (high, low) - small, for 0 <= small < 2^32. */
function subtractLow(low: number, small: number): number {
  return low < small ? low - small + 4_294_967_296 : low - small;
}

/** First position in [from, to) whose (amount, day) is not below (high, low, day); day -Infinity for any. */
function lowerBound(sorted: Ordered, from: number, to: number, high: number, low: number, day: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const h = sorted.high[mid] as number;
    const l = sorted.low[mid] as number;
    if (h < high || (h === high && (l < low || (l === low && (sorted.day[mid] as number) < day)))) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function oneRound(state: MatchState): number {
  const rules = state.rules.amountDate;
  const window = rules.dateWindowDays;
  const byCurrency = sortUnmatchedStatement(state);
  const pairs = new PairBuffer();
  const books = state.books;
  const crowded = new Uint8Array(books.lines.length);
  const scan = new CandidateScan(state, pairs);
  const open = books.unmatched();
  for (let k = 0; k < open.length; k += 1) {
    const b = open[k] as number;
    const sorted = byCurrency[books.currency[b] as number];
    if (sorted === undefined) continue;
    scan.start(b);
    const bDay = books.day[b] as number;
    // Two tiers. First the exact amount over the window's days; the fee range (books - allowance
    // up to books - 0.01) only when no exact candidate with a matching name was found: a fee
    // explains a difference, it is not a reason to look past an exact match. This keeps the
    // work per line flat as volume grows (the fee range holds ever more unrelated lines).
    // Candidates are taken day by day, and by amount within a day: the crowd limit cuts the
    // same candidates whichever index serves the search.
    const exactHigh = books.high[b] as number;
    const exactLow = books.low[b] as number;
    const byAmount = sorted.byAmount;
    let crowd = false;
    for (let p = lowerBound(byAmount, 0, byAmount.index.length, exactHigh, exactLow, bDay - window); p < byAmount.index.length; p += 1) {
      if (byAmount.high[p] !== exactHigh || byAmount.low[p] !== exactLow || (byAmount.day[p] as number) > bDay + window) break;
      if (!scan.consider(byAmount, p, 0)) {
        crowd = true;
        break;
      }
    }
    const allowanceMinor = scan.allowanceMinor;
    if (!crowd && !scan.namedExact && allowanceMinor > 0) {
      // The range in halves by number arithmetic (the allowance is below 2^32): no BigInt
      // allocations per books line. [amount - allowance, amount - 1], day by day over the window
      // clipped to the days this currency's statement lines fall on.
      const fromHigh = subtractHigh(exactHigh, exactLow, allowanceMinor);
      const fromLow = subtractLow(exactLow, allowanceMinor);
      const toHigh = subtractHigh(exactHigh, exactLow, 1);
      const toLow = subtractLow(exactLow, 1);
      const byDay = sorted.byDay;
      const dayFrom = Math.max(bDay - window, sorted.firstDay);
      const dayTo = Math.min(bDay + window, sorted.firstDay + sorted.dayStart.length - 2);
      days: for (let day = dayFrom; day <= dayTo; day += 1) {
        const end = sorted.dayStart[day - sorted.firstDay + 1] as number;
        for (let p = lowerBound(byDay, sorted.dayStart[day - sorted.firstDay] as number, end, fromHigh, fromLow, -Infinity); p < end; p += 1) {
          const h = byDay.high[p] as number;
          if (h > toHigh || (h === toHigh && (byDay.low[p] as number) > toLow)) break;
          if (!scan.consider(byDay, p, 1)) {
            crowd = true;
            break days;
          }
        }
      }
    }
    if (crowd) crowded[b] = 1;
  }
  return acceptMutualBest(state, pairs.books, pairs.statement, pairs.score, crowded);
}

/** One books line's candidate search: scores each candidate, counts them, remembers names. */
class CandidateScan {
  private b = 0;
  private bDay = 0;
  private bName = 0;
  private exactHigh = 0;
  private exactLow = 0;
  private candidates = 0;
  allowanceMinor = 0;
  /** Whether an exact-amount candidate with a known, matching name turned up. */
  namedExact = false;
  private readonly maxCandidates: number;
  private readonly floor: number;
  // Per books line, a similarity is remembered by statement name id: a crowd of candidates
  // repeats a few payee names, and a stamp (books index + 1) marks which line a remembered
  // value belongs to. Every statement name is interned by now (sorting read them).
  private readonly seenFor: Int32Array;
  private readonly seenSimilarity: Float64Array;

  constructor(
    private readonly state: MatchState,
    private readonly pairs: PairBuffer,
  ) {
    this.maxCandidates = state.rules.amountDate.maxCandidates;
    this.floor = state.rules.amountDate.minCounterpartySimilarity;
    this.seenFor = new Int32Array(state.nameCount);
    this.seenSimilarity = new Float64Array(state.nameCount);
  }

  start(b: number): void {
    const books = this.state.books;
    this.b = b;
    this.bDay = books.day[b] as number;
    this.bName = books.nameId(b);
    this.exactHigh = books.high[b] as number;
    this.exactLow = books.low[b] as number;
    // At most feeTolerance.absoluteMinor (<= 1e9): an exact number, below 2^32.
    this.allowanceMinor = this.state.feeAllowanceOf(books, b);
    this.candidates = 0;
    this.namedExact = false;
  }

  /** Takes the candidate at position p; false once the line has more than maxCandidates (a crowd). */
  consider(sorted: Ordered, p: number, tier: number): boolean {
    // Nothing is matched during the scan (acceptMutualBest comes after): all are open.
    this.candidates += 1;
    if (this.candidates > this.maxCandidates) return false;
    // The fee from the halves: at most the allowance, so exact as a number, and no trip to the
    // line object or a BigInt allocation per candidate.
    const feeMinor = (this.exactHigh - (sorted.high[p] as number)) * 4_294_967_296 + (this.exactLow - (sorted.low[p] as number));
    // One similarity per pair, shared by the score and the tier decision.
    const sName = sorted.name[p] as number;
    const bName = this.bName;
    const stamp = this.b + 1;
    let similarity: number | null;
    if (bName === 0 || sName === 0) similarity = null;
    else if (bName === sName) similarity = 1;
    else if (this.seenFor[sName] === stamp) similarity = this.seenSimilarity[sName] as number;
    else {
      // Below the floor the pair is ruled out whatever the exact value: skip computing it.
      similarity = this.state.nameSimilarityAtLeast(bName, sName, this.floor) as number;
      this.seenFor[sName] = stamp;
      this.seenSimilarity[sName] = similarity;
    }
    const score = pairScore_(this.state, similarity, this.bDay, sorted.day[p] as number, feeMinor, this.allowanceMinor);
    if (score !== null) {
      this.pairs.push(this.b, sorted.index[p] as number, score);
      if (tier === 0 && similarity !== null) this.namedExact = true;
    }
    return true;
  }
}

function pairScore_(state: MatchState, similarity: number | null, bDay: number, sDay: number, feeMinor: number, allowanceMinor: number): number | null {
  const rules = state.rules.amountDate;
  if (similarity !== null && similarity < rules.minCounterpartySimilarity) return null;
  // Without a counterparty to vouch for it, an amount that is merely close is a coincidence.
  if (similarity === null && feeMinor !== 0) return null;
  const amountScore = feeMinor === 0 ? 1 : 1 - (0.5 * feeMinor) / allowanceMinor;
  const dateScore = 1 - Math.abs(bDay - sDay) / (rules.dateWindowDays + 1);
  const score = WEIGHT_AMOUNT * amountScore + WEIGHT_DATE * dateScore + WEIGHT_COUNTERPARTY * (similarity ?? UNKNOWN_COUNTERPARTY);
  return score >= rules.minScore ? score : null;
}

/** Per-line best and runner-up over the candidate pairs, indexed by line. */
interface Best {
  pair: number[];
  second: number[];
}

function bestPerLine(size: number, lineOf: number[], pairScore: number[]): Best {
  // Plain arrays, not typed ones: see heap-arrays.ts.
  const pair = intArray(size, -1);
  const second = numberArray(size, -Infinity);
  for (let k = 0; k < lineOf.length; k += 1) {
    const line = lineOf[k] as number;
    const score = pairScore[k] as number;
    const current = pair[line] as number;
    if (current < 0) pair[line] = k;
    else if (score > (pairScore[current] as number)) {
      second[line] = pairScore[current] as number;
      pair[line] = k;
    } else if (score > (second[line] as number)) second[line] = score;
  }
  return { pair, second };
}

/** Accepts pairs that are each other's clear best; returns how many it matched. */
function acceptMutualBest(state: MatchState, pairB: number[], pairS: number[], pairScore: number[], crowded: Uint8Array): number {
  const margin = state.rules.amountDate.ambiguityMargin;
  const bestB = bestPerLine(state.books.lines.length, pairB, pairScore);
  const bestS = bestPerLine(state.statement.lines.length, pairS, pairScore);
  const twins = findTwins(state, pairB, pairS, bestB, bestS);
  let made = 0;
  for (let k = 0; k < pairB.length; k += 1) {
    const b = pairB[k] as number;
    const s = pairS[k] as number;
    if (bestB.pair[b] !== k || bestS.pair[s] !== k || crowded[b] === 1 || twins[k] === 1) continue;
    const score = pairScore[k] as number;
    if (score - (bestB.second[b] as number) < margin || score - (bestS.second[s] as number) < margin) continue;
    if (state.books.matched[b] !== 0 || state.statement.matched[s] !== 0) continue;
    const equal = state.books.high[b] === state.statement.high[s] && state.books.low[b] === state.statement.low[s];
    state.recordPair(b, s, equal ? 'amount-date' : 'amount-date-fee', Math.min(score, 0.95));
    made += 1;
  }
  return made;
}

/**
 * A best pair has a twin when one of its lines has another candidate identical to its partner
 * in amount and counterparty (only the date differs): utility bills of the same amount to the
 * same payee on nearby days. Dates alone cannot prove which is which, so a person decides.
 * Returns a flag per pair.
 */
function findTwins(state: MatchState, pairB: number[], pairS: number[], bestB: Best, bestS: Best): Uint8Array {
  const books = state.books;
  const statement = state.statement;
  const twinB = new Uint8Array(books.lines.length);
  const twinS = new Uint8Array(statement.lines.length);
  for (let k = 0; k < pairB.length; k += 1) {
    const b = pairB[k] as number;
    const s = pairS[k] as number;
    const bBest = bestB.pair[b] as number;
    if (bBest !== k) {
      const partner = pairS[bBest] as number;
      if (statement.sameAmount(partner, s) && statement.nameId(partner) === statement.nameId(s)) twinB[b] = 1;
    }
    const sBest = bestS.pair[s] as number;
    if (sBest !== k) {
      const partner = pairB[sBest] as number;
      if (books.sameAmount(partner, b) && books.nameId(partner) === books.nameId(b)) twinS[s] = 1;
    }
  }
  const twins = new Uint8Array(pairB.length);
  for (let k = 0; k < pairB.length; k += 1) {
    if (twinB[pairB[k] as number] === 1 || twinS[pairS[k] as number] === 1) twins[k] = 1;
  }
  return twins;
}

/** Candidate pairs in three parallel arrays (hundreds of thousands at full scale). */
class PairBuffer {
  readonly books: number[] = [];
  readonly statement: number[] = [];
  readonly score: number[] = [];
  push(b: number, s: number, score: number): void {
    this.books.push(b);
    this.statement.push(s);
    this.score.push(score);
  }
}
