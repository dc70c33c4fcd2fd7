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
 * One currency's open statement lines sorted by day then amount, with each day's slice.
 * The search compares amounts as two 32-bit halves (exact integer compares): comparing
 * heap BigInts in a binary search was the single largest cost at a million lines.
 */
interface Sorted {
  index: Int32Array;
  high: Int32Array;
  low: Uint32Array;
  /** Interned counterparty per position: read in scan order, not by a jump into the line. */
  name: Int32Array;
  /** day -> [start, end) into index/high/low. */
  days: Map<number, [number, number]>;
}

/** An amount's high 32-bit half (signed): |amount| < 2^63 by the money limits. */
function highOf(amount: bigint): number {
  return Number(amount >> 32n);
}

/** An amount's low 32-bit half (unsigned): amount = high * 2^32 + low. */
function lowOf(amount: bigint): number {
  return Number(amount & 0xffff_ffffn);
}

/** Open statement lines per currency, by day and amount: a candidate search is a few short slices. */
function sortUnmatchedStatement(state: MatchState): Map<string, Sorted> {
  const side = state.statement;
  const byCurrency = new Map<string, number[]>();
  for (const i of side.unmatched()) {
    const currency = side.line(i).currency;
    const list = byCurrency.get(currency);
    if (list === undefined) byCurrency.set(currency, [i]);
    else list.push(i);
  }
  const out = new Map<string, Sorted>();
  // Sort keys read once per line into columns: the comparator runs n log n times, and going
  // through the line objects and comparing heap BigInts there was most of this function's cost.
  const keyDay = new Int32Array(side.lines.length);
  const keyHigh = new Int32Array(side.lines.length);
  const keyLow = new Uint32Array(side.lines.length);
  for (const order of byCurrency.values()) {
    for (const i of order) {
      const amount = side.line(i).amountMinor;
      keyDay[i] = side.day(i);
      keyHigh[i] = highOf(amount);
      keyLow[i] = lowOf(amount);
    }
  }
  for (const [currency, order] of byCurrency) {
    order.sort((x, y) => {
      const days = (keyDay[x] as number) - (keyDay[y] as number);
      if (days !== 0) return days;
      const highs = (keyHigh[x] as number) - (keyHigh[y] as number);
      if (highs !== 0) return highs;
      const lows = (keyLow[x] as number) - (keyLow[y] as number);
      return lows !== 0 ? lows : x - y;
    });
    const days = new Map<number, [number, number]>();
    const high = new Int32Array(order.length);
    const low = new Uint32Array(order.length);
    const name = new Int32Array(order.length);
    order.forEach((i, at) => {
      name[at] = side.nameId(i);
      const day = keyDay[i] as number;
      const range = days.get(day);
      if (range === undefined) days.set(day, [at, at + 1]);
      else range[1] = at + 1;
      high[at] = keyHigh[i] as number;
      low[at] = keyLow[i] as number;
    });
    out.set(currency, { index: Int32Array.from(order), high, low, name, days });
  }
  return out;
}

/** The high half of (high, low) - small, for 0 <= small < 2^32: a borrow when low < small. */
function subtractHigh(high: number, low: number, small: number): number {
  return low < small ? high - 1 : high;
}

/** The low half of (high, low) - small, for 0 <= small < 2^32. */
function subtractLow(low: number, small: number): number {
  return low < small ? low - small + 4_294_967_296 : low - small;
}

/** First position in [lo, hi) whose amount is not below (high, low). */
function lowerBound(sorted: Sorted, from: number, to: number, high: number, low: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const h = sorted.high[mid] as number;
    if (h < high || (h === high && (sorted.low[mid] as number) < low)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function oneRound(state: MatchState): number {
  const rules = state.rules.amountDate;
  const window = rules.dateWindowDays;
  const byCurrency = sortUnmatchedStatement(state);
  const pairs = new PairBuffer();
  const crowded = new Uint8Array(state.books.lines.length);
  // Every statement name is interned by now (sorting read them). Per books line, a similarity
  // is remembered by statement name id: a crowd of candidates repeats a few payee names, and
  // a stamp (books index + 1) marks which line a remembered value belongs to.
  const nameCount = state.nameCount;
  const seenFor = new Int32Array(nameCount);
  const seenSimilarity = new Float64Array(nameCount);
  for (const b of state.books.unmatched()) {
    const book = state.books.line(b);
    const sorted = byCurrency.get(book.currency);
    if (sorted === undefined) continue;
    const bDay = state.books.day(b);
    const bName = state.books.nameId(b);
    const stamp = b + 1;
    const allowance = state.feeAllowance(book.amountMinor);
    // The allowance is capped by feeTolerance.absoluteMinor (at most 1e9): exact as a number.
    const allowanceMinor = Number(allowance);
    const exactHigh = highOf(book.amountMinor);
    const exactLow = lowOf(book.amountMinor);
    let candidates = 0;
    let namedExact = false;
    // Two tiers. First the exact amount over the window's days; the fee range (books - allowance
    // up to books - 0.01) only when no exact candidate with a matching name was found: a fee
    // explains a difference, it is not a reason to look past an exact match. This keeps the
    // work per line flat as volume grows (the fee range holds ever more unrelated lines).
    for (let tier = 0; tier < 2 && !(tier === 1 && namedExact); tier += 1) {
      if (tier === 1 && allowance === 0n) break;
      // The range in halves by number arithmetic (the allowance is below 2^32): no BigInt
      // allocations per books line. Tier 0 is the amount itself; tier 1 is
      // [amount - allowance, amount - 1].
      const fromHigh = tier === 0 ? exactHigh : subtractHigh(exactHigh, exactLow, allowanceMinor);
      const fromLow = tier === 0 ? exactLow : subtractLow(exactLow, allowanceMinor);
      const toHigh = tier === 0 ? exactHigh : subtractHigh(exactHigh, exactLow, 1);
      const toLow = tier === 0 ? exactLow : subtractLow(exactLow, 1);
      scan: for (let day = bDay - window; day <= bDay + window; day += 1) {
        const range = sorted.days.get(day);
        if (range === undefined) continue;
        const end = range[1];
        for (let p = lowerBound(sorted, range[0], end, fromHigh, fromLow); p < end; p += 1) {
          const h = sorted.high[p] as number;
          if (h > toHigh || (h === toHigh && (sorted.low[p] as number) > toLow)) break;
          // Nothing is matched during the scan (acceptMutualBest comes after): all are open.
          const s = sorted.index[p] as number;
          candidates += 1;
          if (candidates > rules.maxCandidates) break scan;
          // The fee from the halves: at most the allowance, so exact as a number, and no trip
          // to the line object or a BigInt allocation per candidate.
          const feeMinor = (exactHigh - h) * 4_294_967_296 + (exactLow - (sorted.low[p] as number));
          // One similarity per pair, shared by the score and the tier decision.
          const sName = sorted.name[p] as number;
          let similarity: number | null;
          if (bName === 0 || sName === 0) similarity = null;
          else if (bName === sName) similarity = 1;
          else if (seenFor[sName] === stamp) similarity = seenSimilarity[sName] as number;
          else {
            // Below the floor the pair is ruled out whatever the exact value: skip computing it.
            similarity = state.nameSimilarityAtLeast(bName, sName, rules.minCounterpartySimilarity) as number;
            seenFor[sName] = stamp;
            seenSimilarity[sName] = similarity;
          }
          const score = pairScore_(state, similarity, bDay, day, feeMinor, allowanceMinor);
          if (score !== null) {
            pairs.push(b, s, score);
            if (tier === 0 && similarity !== null) namedExact = true;
          }
        }
      }
    }
    if (candidates > rules.maxCandidates) crowded[b] = 1;
  }
  return acceptMutualBest(state, pairs.books.subarray(0, pairs.length), pairs.statement.subarray(0, pairs.length), pairs.score.subarray(0, pairs.length), crowded);
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

/** Per-line best and runner-up over the candidate pairs, in typed arrays indexed by line. */
interface Best {
  pair: Int32Array;
  second: Float64Array;
}

function bestPerLine(size: number, lineOf: Int32Array, pairScore: Float64Array): Best {
  const pair = new Int32Array(size).fill(-1);
  const second = new Float64Array(size).fill(-Infinity);
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
function acceptMutualBest(state: MatchState, pairB: Int32Array, pairS: Int32Array, pairScore: Float64Array, crowded: Uint8Array): number {
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
 * Returns a flag per pair.
 */
function findTwins(state: MatchState, pairB: Int32Array, pairS: Int32Array, bestB: Best, bestS: Best): Uint8Array {
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
      if (statement.line(partner).amountMinor === statement.line(s).amountMinor && statement.nameId(partner) === statement.nameId(s)) twinB[b] = 1;
    }
    const sBest = bestS.pair[s] as number;
    if (sBest !== k) {
      const partner = pairB[sBest] as number;
      if (books.line(partner).amountMinor === books.line(b).amountMinor && books.nameId(partner) === books.nameId(b)) twinS[s] = 1;
    }
  }
  const twins = new Uint8Array(pairB.length);
  for (let k = 0; k < pairB.length; k += 1) {
    if (twinB[pairB[k] as number] === 1 || twinS[pairS[k] as number] === 1) twins[k] = 1;
  }
  return twins;
}

/** Candidate pairs in growable typed arrays: millions at full scale, kept out of the JS heap. */
class PairBuffer {
  books = new Int32Array(1024);
  statement = new Int32Array(1024);
  score = new Float64Array(1024);
  length = 0;
  push(b: number, s: number, score: number): void {
    if (this.length === this.books.length) {
      const size = this.books.length * 2;
      const books = new Int32Array(size);
      books.set(this.books);
      const statement = new Int32Array(size);
      statement.set(this.statement);
      const scores = new Float64Array(size);
      scores.set(this.score);
      this.books = books;
      this.statement = statement;
      this.score = scores;
    }
    this.books[this.length] = b;
    this.statement[this.length] = s;
    this.score[this.length] = score;
    this.length += 1;
  }
}
