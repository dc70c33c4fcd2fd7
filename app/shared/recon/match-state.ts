import { dayNumber } from './days';
import type { MatchRule, ReconRules } from './rules';
import { NameTable } from './name-table';
import type { StatementLine } from './statement-line';

const NO_DAY = -0x80000000;

/** One side's lines with a matched flag each, and day numbers and names worked out on demand. */
export class SideState {
  readonly matched: Uint8Array;
  private readonly days: Int32Array;
  private readonly nameIds: Int32Array;
  /** Day numbers by date string: a file spans a few dozen dates, so the parse runs that often. */
  private readonly dayOfDate = new Map<string, number>();
  constructor(
    readonly lines: readonly StatementLine[],
    private readonly table: NameTable,
  ) {
    this.matched = new Uint8Array(lines.length);
    this.days = new Int32Array(lines.length).fill(NO_DAY);
    this.nameIds = new Int32Array(lines.length).fill(-1);
  }
  line(i: number): StatementLine {
    const line = this.lines[i];
    if (line === undefined) throw new Error(`line index ${i} out of range`);
    return line;
  }
  day(i: number): number {
    let day = this.days[i] ?? NO_DAY;
    if (day === NO_DAY) {
      const date = this.line(i).date;
      const known = this.dayOfDate.get(date);
      day = known ?? dayNumber(date);
      if (known === undefined) this.dayOfDate.set(date, day);
      this.days[i] = day;
    }
    return day;
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
  unmatched(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.matched.length; i += 1) if (this.matched[i] === 0) out.push(i);
    return out;
  }
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
  private readonly names = new NameTable();
  private readonly absoluteMinor: bigint;
  private readonly relativeBp: bigint;
  constructor(books: readonly StatementLine[], statement: readonly StatementLine[], readonly rules: ReconRules) {
    this.books = new SideState(books, this.names);
    this.statement = new SideState(statement, this.names);
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

  /** Records a match; an item matched twice is a bug in a rule, so it throws. */
  record(books: number[], statement: number[], rule: MatchRule, score: number): void {
    if (books.length === 0 || statement.length === 0) throw new Error(`a ${rule} match needs lines on both sides`);
    if (!(score > 0 && score <= 1)) throw new Error(`score ${score} out of (0, 1]`);
    for (const i of books) if (this.books.matched[i] !== 0) throw new Error(`books line ${this.books.line(i).id} matched twice (${rule})`);
    for (const i of statement) if (this.statement.matched[i] !== 0) throw new Error(`statement line ${this.statement.line(i).id} matched twice (${rule})`);
    const currency = this.books.line(books[0] ?? 0).currency;
    for (const i of books) if (this.books.line(i).currency !== currency) throw new Error(`${rule} match mixes currencies`);
    for (const i of statement) if (this.statement.line(i).currency !== currency) throw new Error(`${rule} match mixes currencies`);
    for (const i of books) this.books.matched[i] = 1;
    for (const i of statement) this.statement.matched[i] = 1;
    this.matchedBooks += books.length;
    this.matchedStatement += statement.length;
    this.matches.push({
      books: books.map((i) => this.books.line(i).id),
      statement: statement.map((i) => this.statement.line(i).id),
      rule,
      score: Math.round(score * 1000) / 1000,
    });
  }
}

/** A score for a fee: 1 for none, falling to 1 - span at the full allowance. */
export function feeScore(fee: bigint, allowance: bigint, span: number): number {
  if (fee === 0n || allowance === 0n) return 1;
  // A ratio for a score, not money: both are at most the allowance, exact as numbers.
  return 1 - (span * Number(fee)) / Number(allowance);
}
