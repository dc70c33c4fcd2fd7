import { intArray } from './heap-arrays';
import { KeyTable } from './key-table';
import { feeScore, type MatchState } from './match-state';
import type { StatementLine } from './statement-line';

type KeyOf = (value: string | null) => string | null;

/**
 * Rule 1, exact reference. A books line and a statement line share a reference (case and
 * surrounding spaces ignored). The statement's end-to-end id is tried first, then its bank
 * reference (AcctSvcrRef / MT940 //ref) for the lines still open.
 * One line each side: matched when the amounts agree, or differ by an allowed fee.
 * Several lines under one reference (a payment and its separately booked charge; a payment
 * in parts; a batch booked as one): matched as a group when the sums agree (within the fee),
 * else pairwise where an amount is unique on both sides. A reference whose amounts disagree
 * beyond the fee is not matched: that is an exception for a person.
 *
 * The books keys go into one hash table (a group per distinct key, its books lines chained
 * in input order), built once for both passes; each pass looks the statement keys up in it
 * and settles the groups it met, in the order the statement first met them. Sorting both
 * sides' keys (as the baseline does) cost about 1.6 times as much at a million lines.
 */
export function matchByReference(state: MatchState): void {
  const rules = state.rules.reference;
  if (!rules.enabled) return;
  const ignore = new Set(rules.ignore.map((r) => r.toUpperCase()));
  // Placeholders are short words: only a key of one of their lengths needs the set lookup.
  const ignoreLengths = new Set([...ignore].map((r) => r.length));
  const keyOf: KeyOf = (value) => {
    if (value === null) return null;
    // Most references are already trimmed upper case; skip the copies when they are.
    const key = needsFolding(value) ? value.trim().toUpperCase() : value;
    return key.length < rules.minLength || (ignoreLengths.has(key.length) && ignore.has(key)) ? null : key;
  };
  const groups = booksGroups(state, keyOf);
  if (groups.table.size === 0) return;
  const pass = new StatementPass(groups, state.statement.lines.length);
  settle(state, groups, pass.collect(state, (line) => keyOf(line.endToEndId)));
  settle(state, groups, pass.collect(state, (line) => keyOf(line.reference)));
}

/** Whether a key must be trimmed or upper-cased: what /[a-z\s\u0080-\uffff]/ would find. */
function needsFolding(value: string): boolean {
  for (let k = 0; k < value.length; k += 1) {
    const c = value.charCodeAt(k);
    if ((c >= 97 && c <= 122) || c === 32 || (c >= 9 && c <= 13) || c >= 128) return true;
  }
  return false;
}

/** The open books lines by key: group g's lines are line[start[g]] .. line[start[g + 1] - 1], in input order. */
interface BooksGroups {
  table: KeyTable;
  start: number[];
  line: number[];
}

/** Books lines' keys: the reference, and the end-to-end id when it differs. */
function booksGroups(state: MatchState, keyOf: KeyOf): BooksGroups {
  const open = state.books.unmatched();
  const lines = state.books.lines;
  // Up to two keys a line; keys first, so the table is sized to what it will hold.
  const entryKey: string[] = [];
  const entryLine = intArray(open.length * 2);
  for (let k = 0; k < open.length; k += 1) {
    const i = open[k] as number;
    const line = lines[i] as StatementLine;
    const a = keyOf(line.reference);
    const e = keyOf(line.endToEndId);
    if (a !== null) {
      entryLine[entryKey.length] = i;
      entryKey.push(a);
    }
    if (e !== null && e !== a) {
      entryLine[entryKey.length] = i;
      entryKey.push(e);
    }
  }
  const entries = entryKey.length;
  const table = new KeyTable(entries);
  const entryGroup = intArray(entries);
  for (let x = 0; x < entries; x += 1) entryGroup[x] = table.intern(entryKey[x] as string);
  // Each group's lines side by side (a counting sort by group, stable): settling a group reads
  // one short run, not a chain through the array.
  const groups = table.size;
  const start = intArray(groups + 1);
  for (let x = 0; x < entries; x += 1) {
    const g = entryGroup[x] as number;
    start[g + 1] = (start[g + 1] as number) + 1;
  }
  for (let g = 0; g < groups; g += 1) start[g + 1] = (start[g + 1] as number) + (start[g] as number);
  const fill = start.slice(0, groups);
  const line = intArray(entries);
  for (let x = 0; x < entries; x += 1) line[(fill[entryGroup[x] as number] as number)++] = entryLine[x] as number;
  return { table, start, line };
}

/** The groups a pass met, in the order first met, with their statement lines chained from headOf(g). */
interface Met {
  met: number[];
  count: number;
  pass: StatementPass;
}

/** One pass's statement lines by books group, reusing its arrays from pass to pass. */
class StatementPass {
  /**
   * Per group g, side by side: [3g] the pass that last met it (an older pass: a stale head),
   * [3g + 1] its first statement line in that pass, [3g + 2] its last.
   */
  private readonly byGroup: number[];
  readonly next: number[];
  private passNumber = 0;
  constructor(
    private readonly groups: BooksGroups,
    statementLines: number,
  ) {
    this.byGroup = intArray(groups.table.size * 3);
    this.next = intArray(statementLines);
  }

  headOf(g: number): number {
    return this.byGroup[g * 3 + 1] as number;
  }

  /**
   * Looks each open statement line's key up among the books groups; returns the groups met,
   * in the order first met, with their statement lines chained from headOf(g) through next.
   */
  collect(state: MatchState, pick: (line: StatementLine) => string | null): Met {
    this.passNumber += 1;
    const open = state.statement.unmatched();
    const lines = state.statement.lines;
    const byGroup = this.byGroup;
    const met = intArray(open.length);
    let count = 0;
    for (let k = 0; k < open.length; k += 1) {
      const s = open[k] as number;
      const key = pick(lines[s] as StatementLine);
      if (key === null) continue;
      const g = this.groups.table.find(key);
      if (g < 0) continue;
      this.next[s] = -1;
      const at = g * 3;
      if (byGroup[at] !== this.passNumber) {
        byGroup[at] = this.passNumber;
        byGroup[at + 1] = s;
        met[count++] = g;
      } else this.next[byGroup[at + 2] as number] = s;
      byGroup[at + 2] = s;
    }
    return { met, count, pass: this };
  }
}

/** Settles each group met: its open books lines against the statement lines chained to it. */
function settle(state: MatchState, groups: BooksGroups, met: Met): void {
  const booksMatched = state.books.matched;
  const statementMatched = state.statement.matched;
  const next = met.pass.next;
  for (let k = 0; k < met.count; k += 1) {
    const g = met.met[k] as number;
    const from = groups.start[g] as number;
    const to = groups.start[g + 1] as number;
    const firstStatement = met.pass.headOf(g);
    // One line each side (most references): no lists made.
    if (to - from === 1 && next[firstStatement] === -1) {
      const b = groups.line[from] as number;
      if (booksMatched[b] === 0 && statementMatched[firstStatement] === 0) matchPair(state, b, firstStatement);
      continue;
    }
    const runB: number[] = [];
    for (let x = from; x < to; x += 1) {
      const b = groups.line[x] as number;
      if (booksMatched[b] === 0) runB.push(b);
    }
    const runS: number[] = [];
    for (let s = firstStatement; s !== -1; s = next[s] as number) if (statementMatched[s] === 0) runS.push(s);
    matchGroup(state, runB, runS);
  }
}

function matchPair(state: MatchState, b: number, s: number): boolean {
  const books = state.books;
  const statement = state.statement;
  if (books.currency[b] !== statement.currency[s]) return false;
  if (books.high[b] === statement.high[s] && books.low[b] === statement.low[s]) {
    state.recordPair(b, s, 'reference', 1);
    return true;
  }
  const booksMinor = books.line(b).amountMinor;
  const fee = state.feeBetween(booksMinor, statement.line(s).amountMinor);
  if (fee === null) return false;
  state.recordPair(b, s, 'reference-fee', 0.95 * feeScore(fee, state.feeAllowance(booksMinor), 0.1));
  return true;
}

function matchGroup(state: MatchState, books: number[], statement: number[]): void {
  if (books.length === 0 || statement.length === 0) return;
  if (books.length === 1 && statement.length === 1) {
    matchPair(state, books[0] as number, statement[0] as number);
    return;
  }
  const currency = state.books.currency[books[0] as number];
  const sameCurrency = books.every((i) => state.books.currency[i] === currency) && statement.every((i) => state.statement.currency[i] === currency);
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
  const count = (lines: number[], side: MatchState['books'], b: number) =>
    lines.filter((i) => side.sameAmount(i, b) && side.currency[i] === side.currency[b]).length;
  for (const b of books) {
    if (count(books, state.books, b) !== 1) continue;
    const partners = statement.filter(
      (s) =>
        state.statement.matched[s] === 0 &&
        state.statement.high[s] === state.books.high[b] &&
        state.statement.low[s] === state.books.low[b] &&
        state.statement.currency[s] === state.books.currency[b],
    );
    if (partners.length === 1) state.recordPair(b, partners[0] as number, 'reference', 1);
  }
}
