import type { Role } from '../../../shared/domain/operator';

/** Risk officers prepare and file; auditors read the record (the contract's LV_READERS). */
export const canReadLargeValue = (roles: readonly Role[]) => roles.includes('risk') || roles.includes('auditor');
export const canFileLargeValue = (roles: readonly Role[]) => roles.includes('risk');

/** "1234.50" -> comparable fen, exact (no float): for sorting amounts. */
export function amountFen(text: string): bigint {
  const [whole = '0', frac = ''] = text.split('.');
  return BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
}

export function compareAmounts(a: string | null | undefined, b: string | null | undefined): number {
  const x = amountFen(a ?? '0');
  const y = amountFen(b ?? '0');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The filing file as Excel opens it: a BOM so the Chinese names read right. */
export const CSV_BOM = '\uFEFF';
