import { dayNumber, dayNumberOrNull } from './days';
import { intArray, numberArray } from './heap-arrays';
import { MAX_AMOUNT_MINOR } from '../money';
import type { MatchRule, ReconRules } from './rules';
import { NameTable } from './name-table';
import { IdCheck, ReconInputError, type StatementLine } from './statement-line';
import { WARM_BLOCK, warmLines } from './warm-lines';

const TWO_32 = 4_294_967_296;

/**
 * One side's lines, checked (unique ids, calendar dates, amounts within the money limit), with
 * what the rules compare kept as columns (plain arrays, see heap-arrays.ts) filled in one pass
 * over the lines when the state is made: day number, currency, amount. The rules read
 * these instead of the line objects: at a million lines, every trip through a line object to
 * its date string or its BigInt is a cache miss, and the BigInt arithmetic allocates.
 * Amounts are kept exactly as two 32-bit halves (high signed, low unsigned: amount = high *
 * 2^32 + low, so comparing (high, low) compares amounts), and as a number that is exact up to
 * 2^53 (every amount a bank books; the rules check before trusting it as exact).
 */
export class SideState {
  readonly matched: Uint8Array;
  readonly day: number[];
  /** Index into the state's currency codes: equal ids, equal currencies. */
  readonly currency: number[];
  readonly high: number[];
  readonly low: number[];
  readonly amount: number[];
  private readonly nameIds: number[];
  constructor(
    readonly lines: readonly StatementLine[],
    private readonly table: NameTable,
    currencies: Map<string, number>,
    side: string,
  ) {
    const n = lines.length;
    this.matched = new Uint8Array(n);
    this.day = intArray(n);
    this.currency = intArray(n);
    this.high = intArray(n);
    this.low = numberArray(n);
    this.amount = numberArray(n);
    // Names are worked out on demand: most lines are matched by reference and never need one.
    this.nameIds = intArray(n, -1);
    let lastDate = '';
    let lastDay = 0;
    let lastCurrency = '';
    let lastCurrencyId = -1;
    // Ids are checked in the same pass: each line object is read once, not once per check.
    const ids = new IdCheck(n, side);
    for (let i = 0; i < n; i += 1) {
      if (i % WARM_BLOCK === 0) warmLines(lines, i, Math.min(n, i + WARM_BLOCK));
      const line = lines[i] as StatementLine;
      ids.add(line.id);
      const date = line.date;
      // Statements come in date order: the same date as the line before is the common case.
      if (date !== lastDate) {
        const day = dayNumberOrNull(date);
        if (day === null) badDate(side, line);
        lastDate = date;
        lastDay = day as number;
      }
      this.day[i] = lastDay;
      const currency = line.currency;
      if (currency !== lastCurrency) {
        let id = currencies.get(currency);
        if (id === undefined) {
          id = currencies.size;
          currencies.set(currency, id);
        }
        lastCurrency = currency;
        lastCurrencyId = id;
      }
      this.currency[i] = lastCurrencyId;
      const amountMinor = line.amountMinor;
      if (amountMinor > MAX_AMOUNT_MINOR || amountMinor < -MAX_AMOUNT_MINOR) {
        throw new ReconInputError('bad_amount', `${side}: line "${line.id}" has an amount beyond the system limit`);
      }
      const amount = Number(amountMinor);
      this.amount[i] = amount;
      if (amount <= Number.MAX_SAFE_INTEGER && amount >= -Number.MAX_SAFE_INTEGER) {
        // Exact as a number: split it by number arithmetic, no BigInt allocated.
        const high = Math.floor(amount / TWO_32);
        this.high[i] = high;
        this.low[i] = amount - high * TWO_32;
      } else {
        this.high[i] = Number(amountMinor >> 32n);
        this.low[i] = Number(amountMinor & 0xffff_ffffn);
      }
    }
  }
  line(i: number): StatementLine {
    const line = this.lines[i];
    if (line === undefined) throw new Error(`line index ${i} out of range`);
    return line;
  }
  /** Whether two lines of this side hold the same amount (exactly: the halves). */
  sameAmount(i: number, j: number): boolean {
    return this.high[i] === this.high[j] && this.low[i] === this.low[j];
  }
  /** The interned normalised counterparty: 0 when the line has none. Equal ids, equal names. */
  nameId(i: number): number {
    let id = this.nameIds[i] ?? -1;
    if (id < 0) {
      id = this.table.idOf(this.line(i).counterparty);
      this.nameIds[i] = id;
    }
    return id;
  }
  /** The open lines' indexes, in input order. */
  unmatched(): number[] {
    let count = 0;
    for (let i = 0; i < this.matched.length; i += 1) if (this.matched[i] === 0) count += 1;
    const out = intArray(count);
    let at = 0;
    for (let i = 0; i < this.matched.length; i += 1) if (this.matched[i] === 0) out[at++] = i;
    return out;
  }
}

function badDate(side: string, line: StatementLine): never {
  try {
    dayNumber(line.date);
  } catch (error) {
    if (error instanceof ReconInputError) throw new ReconInputError('bad_date', `${side}: line "${line.id}": ${error.message}`);
    throw error;
  }
  throw new ReconInputError('bad_date', `${side}: line "${line.id}": "${line.date}" is not a YYYY-MM-DD date`);
}

/** A match as reported: line ids, the rule that made it and its score (three decimals). */
export interface ReconMatch {
  books: string[];
  statement: string[];
  rule: MatchRule;
  /** 0..1, three decimals: 1 is an exact reference with equal amounts. */
  score: number;
}

/** The matching in progress: both sides, the rules, and the matches made so far. */
export class MatchState {
  readonly books: SideState;
  readonly statement: SideState;
  /** Built as matches are made, in the shape reported: no second pass over a million matches. */
  readonly matches: ReconMatch[] = [];
  matchedBooks = 0;
  matchedStatement = 0;
  /** How many distinct currencies the two sides hold: currency ids are below this. */
  readonly currencyCount: number;
  private readonly names = new NameTable();
  private readonly absoluteMinor: bigint;
  private readonly relativeBp: bigint;
  constructor(books: readonly StatementLine[], statement: readonly StatementLine[], readonly rules: ReconRules) {
    // One currency table for both sides, so equal ids on either side mean equal codes.
    const currencies = new Map<string, number>();
    this.books = new SideState(books, this.names, currencies, 'books');
    this.statement = new SideState(statement, this.names, currencies, 'statement');
    this.currencyCount = currencies.size;
    this.absoluteMinor = BigInt(rules.feeTolerance.absoluteMinor);
    this.relativeBp = BigInt(rules.feeTolerance.relativeBasisPoints);
  }

  /** Similarity of two interned names by id (see NameTable.similarity). */
  nameSimilarity(a: number, b: number): number | null {
    return this.names.similarity(a, b);
  }

  /** The similarity of two names by id when at least `floor`, else a value below it. */
  nameSimilarityAtLeast(a: number, b: number, floor: number): number | null {
    return this.names.similarityAtLeast(a, b, floor);
  }

  /** How many names are interned so far: ids are below this. */
  get nameCount(): number {
    return this.names.names.length;
  }

  /** Similarity of a books line's counterparty and a statement line's (null if either has none). */
  similarity(b: number, s: number): number | null {
    return this.names.similarity(this.books.nameId(b), this.statement.nameId(s));
  }

  /** The fee allowed on an amount: the smaller of the absolute and the relative cap. */
  feeAllowance(amountMinor: bigint): bigint {
    const magnitude = amountMinor < 0n ? -amountMinor : amountMinor;
    const relative = (magnitude * this.relativeBp) / 10_000n;
    return relative < this.absoluteMinor ? relative : this.absoluteMinor;
  }

  /**
   * The fee between what the books expect and what the statement shows, or null if it is not
   * one: fees only ever take money from the account, so the statement is never above the books.
   */
  feeBetween(booksMinor: bigint, statementMinor: bigint): bigint | null {
    const fee = booksMinor - statementMinor;
    return fee >= 0n && fee <= this.feeAllowance(booksMinor) ? fee : null;
  }

  /**
   * feeAllowance of line i's amount as a number, without BigInt arithmetic: exact, as the
   * allowance is at most feeTolerance.absoluteMinor (<= 1e9).
   */
  feeAllowanceOf(side: SideState, i: number): number {
    const absolute = this.rules.feeTolerance.absoluteMinor;
    const amount = side.amount[i] as number;
    const magnitude = amount < 0 ? -amount : amount;
    // Below 2^53 the product of two integers is exact, and so is the integer division done as
    // (n - n % 10000) / 10000. At or above it the relative cap is over 9e11, beyond any
    // absolute cap (a rounded magnitude above 2^53 is still above it).
    const product = magnitude * this.rules.feeTolerance.relativeBasisPoints;
    if (product >= 2 ** 53) return absolute;
    const relative = (product - (product % 10_000)) / 10_000;
    return relative < absolute ? relative : absolute;
  }

  /** Records a match; an item matched twice is a bug in a rule, so it throws. */
  record(books: ArrayLike<number>, statement: ArrayLike<number>, rule: MatchRule, score: number): void {
    if (books.length === 0 || statement.length === 0) throw new Error(`a ${rule} match needs lines on both sides`);
    if (!(score > 0 && score <= 1)) throw new Error(`score ${score} out of (0, 1]`);
    const currency = this.books.currency[books[0] as number];
    for (let k = 0; k < books.length; k += 1) this.check(this.books, 'books', books[k] as number, currency as number, rule);
    for (let k = 0; k < statement.length; k += 1) this.check(this.statement, 'statement', statement[k] as number, currency as number, rule);
    const booksIds: string[] = [];
    for (let k = 0; k < books.length; k += 1) {
      const i = books[k] as number;
      this.books.matched[i] = 1;
      booksIds.push(this.books.line(i).id);
    }
    const statementIds: string[] = [];
    for (let k = 0; k < statement.length; k += 1) {
      const i = statement[k] as number;
      this.statement.matched[i] = 1;
      statementIds.push(this.statement.line(i).id);
    }
    this.matchedBooks += books.length;
    this.matchedStatement += statement.length;
    this.matches.push({ books: booksIds, statement: statementIds, rule, score: Math.round(score * 1000) / 1000 });
  }

  /** Records a match of one line on each side (most matches): record() without the lists. */
  recordPair(b: number, s: number, rule: MatchRule, score: number): void {
    if (!(score > 0 && score <= 1)) throw new Error(`score ${score} out of (0, 1]`);
    const currency = this.books.currency[b] as number;
    this.check(this.books, 'books', b, currency, rule);
    this.check(this.statement, 'statement', s, currency, rule);
    this.books.matched[b] = 1;
    this.statement.matched[s] = 1;
    this.matchedBooks += 1;
    this.matchedStatement += 1;
    this.matches.push({ books: [this.books.line(b).id], statement: [this.statement.line(s).id], rule, score: Math.round(score * 1000) / 1000 });
  }

  /** A line about to be matched must be open and in the match's currency: anything else is a bug in a rule. */
  private check(side: SideState, name: string, i: number, currency: number, rule: MatchRule): void {
    if (side.matched[i] !== 0) throw new Error(`${name} line ${side.line(i).id} matched twice (${rule})`);
    if (side.currency[i] !== currency) throw new Error(`${rule} match mixes currencies`);
  }
}

/** A score for a fee: 1 for none, falling to 1 - span at the full allowance. */
export function feeScore(fee: bigint, allowance: bigint, span: number): number {
  if (fee === 0n || allowance === 0n) return 1;
  // A ratio for a score, not money: both are at most the allowance, exact as numbers.
  return 1 - (span * Number(fee)) / Number(allowance);
}
