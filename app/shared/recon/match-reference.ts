import { feeScore, type MatchState } from './match-state';
import type { StatementLine } from './statement-line';

type KeyOf = (value: string | null) => string | null;

const NEEDS_FOLDING = /[a-z\s\u0080-\uffff]/;

/**
 * Rule 1, exact reference. A books line and a statement line share a reference (case and
 * surrounding spaces ignored). The statement's end-to-end id is tried first, then its bank
 * reference (AcctSvcrRef / MT940 //ref) for the lines still open. Each pass sorts both sides'
 * keys and walks them in step, so lines sharing a reference arrive together as one run.
 * One line each side: matched when the amounts agree, or differ by an allowed fee.
 * Several lines under one reference (a payment and its separately booked charge; a payment
 * in parts; a batch booked as one): matched as a group when the sums agree (within the fee),
 * else pairwise where an amount is unique on both sides. A reference whose amounts disagree
 * beyond the fee is not matched: that is an exception for a person.
 */
export function matchByReference(state: MatchState): void {
  const rules = state.rules.reference;
  if (!rules.enabled) return;
  const ignore = new Set(rules.ignore.map((r) => r.toUpperCase()));
  const keyOf: KeyOf = (value) => {
    if (value === null) return null;
    // Most references are already trimmed upper case; skip the copies when they are.
    const key = NEEDS_FOLDING.test(value) ? value.trim().toUpperCase() : value;
    return key.length < rules.minLength || ignore.has(key) ? null : key;
  };
  const books = bookKeys(state, state.books.unmatched(), keyOf);
  matchOnKeys(state, books, sortedKeys(state.statement.lines, state.statement.unmatched(), (l) => keyOf(l.endToEndId)));
  // The books keys of the second pass are the first pass's, less the lines now matched: filter
  // the sorted order instead of sorting again (the same order a fresh sort would give, since
  // ties are broken by position and positions keep their relative order).
  matchOnKeys(state, stillOpen(state, books), sortedKeys(state.statement.lines, state.statement.unmatched(), (l) => keyOf(l.reference)));
}

function stillOpen(state: MatchState, list: KeyList): KeyList {
  const matched = state.books.matched;
  return { keys: list.keys, lines: list.lines, order: list.order.filter((k) => matched[list.lines[k] as number] === 0) };
}

interface KeyList {
  keys: string[];
  lines: number[];
  /** Positions into keys/lines, sorted by key. */
  order: number[];
}

function sortKeyList(keys: string[], lines: number[]): KeyList {
  const order = Array.from(keys.keys());
  order.sort((x, y) => {
    const a = keys[x] as string;
    const b = keys[y] as string;
    return a < b ? -1 : a > b ? 1 : x - y;
  });
  return { keys, lines, order };
}

function sortedKeys(lines: readonly StatementLine[], only: number[], pick: (line: StatementLine) => string | null): KeyList {
  const keys: string[] = [];
  const at: number[] = [];
  for (const i of only) {
    const key = pick(lines[i] as StatementLine);
    if (key !== null) {
      keys.push(key);
      at.push(i);
    }
  }
  return sortKeyList(keys, at);
}

/** Books lines' keys: the reference, and the end-to-end id when it differs. */
function bookKeys(state: MatchState, only: number[], keyOf: KeyOf): KeyList {
  const keys: string[] = [];
  const at: number[] = [];
  for (const i of only) {
    const line = state.books.line(i);
    const a = keyOf(line.reference);
    const e = keyOf(line.endToEndId);
    if (a !== null) {
      keys.push(a);
      at.push(i);
    }
    if (e !== null && e !== a) {
      keys.push(e);
      at.push(i);
    }
  }
  return sortKeyList(keys, at);
}

function matchOnKeys(state: MatchState, books: KeyList, statement: KeyList): void {
  let i = 0;
  let j = 0;
  const bn = books.order.length;
  const sn = statement.order.length;
  while (i < bn && j < sn) {
    const bKey = books.keys[books.order[i] as number] as string;
    const sKey = statement.keys[statement.order[j] as number] as string;
    if (bKey < sKey) {
      i += 1;
      continue;
    }
    if (bKey > sKey) {
      j += 1;
      continue;
    }
    let i2 = i + 1;
    while (i2 < bn && books.keys[books.order[i2] as number] === bKey) i2 += 1;
    let j2 = j + 1;
    while (j2 < sn && statement.keys[statement.order[j2] as number] === sKey) j2 += 1;
    if (i2 - i === 1 && j2 - j === 1) {
      const b = books.lines[books.order[i] as number] as number;
      const s = statement.lines[statement.order[j] as number] as number;
      if (state.books.matched[b] === 0 && state.statement.matched[s] === 0) matchPair(state, b, s);
    } else {
      const runB: number[] = [];
      for (let k = i; k < i2; k += 1) {
        const b = books.lines[books.order[k] as number] as number;
        if (state.books.matched[b] === 0) runB.push(b);
      }
      const runS: number[] = [];
      for (let k = j; k < j2; k += 1) {
        const s = statement.lines[statement.order[k] as number] as number;
        if (state.statement.matched[s] === 0) runS.push(s);
      }
      matchGroup(state, runB, runS);
    }
    i = i2;
    j = j2;
  }
}

function matchPair(state: MatchState, b: number, s: number): boolean {
  const book = state.books.line(b);
  const stmt = state.statement.line(s);
  if (book.currency !== stmt.currency) return false;
  if (book.amountMinor === stmt.amountMinor) {
    state.record([b], [s], 'reference', 1);
    return true;
  }
  const fee = state.feeBetween(book.amountMinor, stmt.amountMinor);
  if (fee === null) return false;
  state.record([b], [s], 'reference-fee', 0.95 * feeScore(fee, state.feeAllowance(book.amountMinor), 0.1));
  return true;
}

function matchGroup(state: MatchState, books: number[], statement: number[]): void {
  if (books.length === 0 || statement.length === 0) return;
  if (books.length === 1 && statement.length === 1) {
    matchPair(state, books[0] as number, statement[0] as number);
    return;
  }
  const currency = state.books.line(books[0] as number).currency;
  const sameCurrency =
    books.every((i) => state.books.line(i).currency === currency) && statement.every((i) => state.statement.line(i).currency === currency);
  if (sameCurrency && books.length + statement.length <= state.rules.reference.maxGroupLines) {
    const booksSum = books.reduce((sum, i) => sum + state.books.line(i).amountMinor, 0n);
    const statementSum = statement.reduce((sum, i) => sum + state.statement.line(i).amountMinor, 0n);
    const fee = state.feeBetween(booksSum, statementSum);
    if (fee !== null) {
      state.record(books, statement, 'reference-group', 0.97 * feeScore(fee, state.feeAllowance(booksSum), 0.1));
      return;
    }
  }
  // Pairwise on exact amounts, only where the amount is unique within the group on both sides.
  const count = (lines: number[], side: MatchState['books'], amount: bigint, ccy: string) =>
    lines.filter((i) => side.line(i).amountMinor === amount && side.line(i).currency === ccy).length;
  for (const b of books) {
    const book = state.books.line(b);
    if (count(books, state.books, book.amountMinor, book.currency) !== 1) continue;
    const partners = statement.filter(
      (s) => state.statement.matched[s] === 0 && state.statement.line(s).amountMinor === book.amountMinor && state.statement.line(s).currency === book.currency,
    );
    if (partners.length === 1) state.record([b], [partners[0] as number], 'reference', 1);
  }
}
