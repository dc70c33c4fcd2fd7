import { KeyTable } from './key-table';

/**
 * The one shape every reconciliation input becomes: a line of the bank's books or of a
 * statement (camt.053/054, MT940, CSV, house statement). Signs follow the account holder:
 * a positive amount is a credit to the account, a negative one a debit, on both sides.
 */
export interface StatementLine {
  /** Unique within its side; what a match and the unmatched lists report. */
  id: string;
  /** YYYY-MM-DD: value date for statement lines, booking date for the books. */
  date: string;
  /** Signed minor units of `currency`: + credit, - debit. */
  amountMinor: bigint;
  currency: string;
  /** The payment's reference as this side knows it (bank reference, AcctSvcrRef, MT940 ref). */
  reference: string | null;
  /** The end-to-end id when the source carries one apart from the reference. */
  endToEndId: string | null;
  counterparty: string | null;
  description: string | null;
  /**
   * The clearing cycle that settled the line, when known (the house tells each DNS payment its
   * cycle, and its statement has one net line per cycle): `<business date>/<cycle id>`. Lines
   * of the same cycle match by it (docs/reconciliation.md, "By cycle").
   */
  cycleId?: string | null;
}

export type LineReadResult =
  | { ok: true; lines: StatementLine[] }
  | { ok: false; code: string; message: string; line?: number };

/** Every id on a side must be unique: matches and exceptions are reported by id. */
export function assertUniqueIds(lines: readonly StatementLine[], side: string): void {
  const ids = new IdCheck(lines.length, side);
  for (const line of lines) ids.add(line.id);
}

/**
 * The ids seen so far on one side, refusing a repeat. A hash table of the ids sized once
 * (KeyTable): a Set of a million strings cost over a second at scale, most of it growing and
 * rehashing. The matcher runs it in the same pass that reads each line's other fields.
 */
export class IdCheck {
  private readonly table: KeyTable;
  constructor(
    lineCount: number,
    private readonly side: string,
  ) {
    this.table = new KeyTable(lineCount);
  }

  add(id: string): void {
    const before = this.table.size;
    if (this.table.intern(id) < before) throw new ReconInputError('duplicate_id', `${this.side}: id "${id}" appears more than once`);
  }
}

/** A reconciliation input the user supplied is wrong (bad CSV row, unknown currency...). */
export class ReconInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly lineNumber?: number,
  ) {
    super(lineNumber === undefined ? message : `line ${lineNumber}: ${message}`);
    this.name = 'ReconInputError';
  }
}
