import { intArray } from './heap-arrays';
import { hashText } from './key-table';

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
}

export type LineReadResult =
  | { ok: true; lines: StatementLine[] }
  | { ok: false; code: string; message: string; line?: number };

/** Every id on a side must be unique: matches and exceptions are reported by id. */
export function assertUniqueIds(lines: readonly StatementLine[], side: string): void {
  // An open-addressing table of line indexes, sized once (at most half full): a Set of a
  // million strings cost over a second at scale, most of it growing and rehashing.
  let size = 16;
  while (size < lines.length * 2) size *= 2;
  const mask = size - 1;
  const slots = intArray(size, -1);
  // Each slot's full hash beside it: a collision is settled without a trip to the other line.
  const hashes = intArray(size);
  for (let i = 0; i < lines.length; i += 1) {
    const id = (lines[i] as StatementLine).id;
    const hash = hashText(id) | 0;
    let at = hash & mask;
    for (;;) {
      const j = slots[at] as number;
      if (j === -1) {
        slots[at] = i;
        hashes[at] = hash;
        break;
      }
      if (hashes[at] === hash && (lines[j] as StatementLine).id === id) throw new ReconInputError('duplicate_id', `${side}: id "${id}" appears more than once`);
      at = (at + 1) & mask;
    }
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
