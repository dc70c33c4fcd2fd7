import { feeScore, type MatchState } from './match-state';
import type { StatementLine } from './statement-line';

type Slot = number | number[];
type KeyOf = (value: string | null) => string | null;

const NEEDS_FOLDING = /[a-z\s]|[^\x00-\x7f]/;

/**
 * Rule 1, exact reference. A books line and a statement line share a reference (case and
 * surrounding spaces ignored). The statement's end-to-end id is tried first, then its bank
 * reference (AcctSvcrRef / MT940 //ref) for the books lines still open: two smaller indexes
 * instead of one holding both keys of every line.
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
  const booksIndex = buildIndex(state.books.lines, null, keyOf);
  matchOnKey(state, booksIndex, buildIndex(state.statement.lines, null, (_v) => null, (line) => keyOf(line.endToEndId)), keyOf);
  const open = state.statement.unmatched();
  matchOnKey(state, booksIndex, buildIndex(state.statement.lines, open, (_v) => null, (line) => keyOf(line.reference)), keyOf);
}

function matchOnKey(state: MatchState, booksIndex: Map<string, Slot>, statementIndex: Map<string, Slot>, keyOf: KeyOf): void {
  if (statementIndex.size === 0) return;
  const groupsDone = new Set<string>();
  const books = state.books.lines;
  for (let b = 0; b < books.length; b += 1) {
    if (state.books.matched[b] !== 0) continue;
    const line = books[b] as StatementLine;
    const first = keyOf(line.reference);
    const second = keyOf(line.endToEndId);
    if (first !== null) tryKey(state, b, first, booksIndex, statementIndex, groupsDone);
    if (second !== null && second !== first && state.books.matched[b] === 0) tryKey(state, b, second, booksIndex, statementIndex, groupsDone);
  }
}

function tryKey(state: MatchState, b: number, key: string, booksIndex: Map<string, Slot>, statementIndex: Map<string, Slot>, groupsDone: Set<string>): void {
  const sSlot = statementIndex.get(key);
  if (sSlot === undefined) return;
  const bSlot = booksIndex.get(key) ?? b;
  if (typeof sSlot === 'number' && typeof bSlot === 'number') {
    if (state.statement.matched[sSlot] === 0) matchPair(state, b, sSlot);
  } else if (!groupsDone.has(key)) {
    groupsDone.add(key);
    matchGroup(
      state,
      asList(bSlot).filter((i) => state.books.matched[i] === 0),
      asList(sSlot).filter((i) => state.statement.matched[i] === 0),
    );
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

/**
 * Key -> line index (or indexes, when shared). `pick` chooses the key of a line; by default
 * both its reference and end-to-end id are indexed. `only` limits the lines indexed.
 */
function buildIndex(
  lines: readonly StatementLine[],
  only: number[] | null,
  keyOf: KeyOf,
  pick?: (line: StatementLine) => string | null,
): Map<string, Slot> {
  const index = new Map<string, Slot>();
  const add = (key: string, i: number) => {
    const slot = index.get(key);
    if (slot === undefined) index.set(key, i);
    else if (typeof slot === 'number') index.set(key, [slot, i]);
    else slot.push(i);
  };
  const visit = (i: number) => {
    const line = lines[i] as StatementLine;
    if (pick) {
      const key = pick(line);
      if (key !== null) add(key, i);
      return;
    }
    const a = keyOf(line.reference);
    const e = keyOf(line.endToEndId);
    if (a !== null) add(a, i);
    if (e !== null && e !== a) add(e, i);
  };
  if (only === null) for (let i = 0; i < lines.length; i += 1) visit(i);
  else for (const i of only) visit(i);
  return index;
}

function asList(slot: Slot): number[] {
  return typeof slot === 'number' ? [slot] : slot;
}
