import { formatAmountGrouped, tryParseAmount } from '../../../shared/money';

/** Wire amount (signed decimal) to fen; a malformed one is a bug in main, so it throws. */
export function minorOf(text: string): bigint {
  const parsed = tryParseAmount(text, 'CNY', { allowNegative: true });
  if (!parsed.ok) throw new Error(`not an amount from main: ${text}`);
  return parsed.amountMinor;
}

/** Signed, grouped: "-1,000.00", "2,500.50". */
export function signedGrouped(text: string | null): string {
  if (text === null) return '—';
  const parsed = tryParseAmount(text, 'CNY', { allowNegative: true });
  return parsed.ok ? formatAmountGrouped(parsed.amountMinor, 'CNY') : text;
}

export interface SelectionTotals {
  booksMinor: bigint;
  statementMinor: bigint;
  /** statement - books: what a manual match of the selection would leave unexplained. */
  differenceMinor: bigint;
}

/** The live figures under the two grids as the clerk picks lines on each side. */
export function selectionTotals(books: readonly { amount: string }[], statement: readonly { amount: string }[]): SelectionTotals {
  const booksMinor = books.reduce((s, l) => s + minorOf(l.amount), 0n);
  const statementMinor = statement.reduce((s, l) => s + minorOf(l.amount), 0n);
  return { booksMinor, statementMinor, differenceMinor: statementMinor - booksMinor };
}

/** Mirrors main's rule for a manual match: the fee allowance, min(20.00, 0.5% of the books). */
export function withinTolerance(differenceMinor: bigint, booksMinor: bigint, absoluteMinor: bigint): boolean {
  const abs = (v: bigint) => (v < 0n ? -v : v);
  const relative = (abs(booksMinor) * 50n) / 10_000n;
  return abs(differenceMinor) <= (relative < absoluteMinor ? relative : absoluteMinor);
}

export type ReconKeyAction = 'match' | 'writeOff' | 'carry' | 'note' | 'assign' | 'review' | 'unmatch' | 'auto';

/** Single keys on the workspace (outside text fields), as the screen's hint line shows them. */
export function reconActionForKey(key: string): ReconKeyAction | null {
  switch (key.toLowerCase()) {
    case 'm':
      return 'match';
    case 'w':
      return 'writeOff';
    case 'c':
      return 'carry';
    case 'n':
      return 'note';
    case 'o':
      return 'assign';
    case 'r':
      return 'review';
    case 'u':
      return 'unmatch';
    case 'a':
      return 'auto';
    default:
      return null;
  }
}

/**
 * A selection for the bulk actions on exceptions (carry forward, note, assign owner, mark
 * reviewed): one request per side that has lines picked, books first. Empty when nothing is.
 */
export function pickedBySide<L extends { id: string }>(picked: { books: readonly L[]; statement: readonly L[] }): { side: 'books' | 'statement'; ids: string[] }[] {
  return (['books', 'statement'] as const).filter((side) => picked[side].length > 0).map((side) => ({ side, ids: picked[side].map((l) => l.id) }));
}
