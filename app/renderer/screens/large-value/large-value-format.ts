import type { Role } from '../../../shared/domain/operator';
import { mayCall } from '../../../shared/contract/handler-access';

/** Risk officers prepare and file; auditors read the record (the contract's roles). */
export const canReadLargeValue = (roles: readonly Role[]) => mayCall(roles, 'risk.largeValue.page');
export const canFileLargeValue = (roles: readonly Role[]) => mayCall(roles, 'risk.largeValue.markFiled');

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
