import { formatAmountGrouped, tryParseAmount } from '../../../shared/money';

/** A signed wire amount for people: "+1,000.00" / "-20.00" / "0.00"; the text unchanged if it does not parse. */
export function signedGrouped(text: string): string {
  const parsed = tryParseAmount(text, 'CNY', { allowNegative: true });
  if (!parsed.ok) return text;
  const grouped = formatAmountGrouped(parsed.amountMinor, 'CNY');
  return parsed.amountMinor > 0n ? `+${grouped}` : grouped;
}

/** 'pos' | 'neg' | 'zero' for colouring a signed amount (receives / pays). */
export function signOf(text: string): 'pos' | 'neg' | 'zero' {
  const parsed = tryParseAmount(text, 'CNY', { allowNegative: true });
  if (!parsed.ok || parsed.amountMinor === 0n) return 'zero';
  return parsed.amountMinor > 0n ? 'pos' : 'neg';
}

/**
 * How much of the net debit cap is used, in whole per mille (0..1000, capped), exact in bigint;
 * null when there is no cap (nothing may be netted as a debit).
 */
export function capUsePerMille(netDebit: string, netDebitCap: string): number | null {
  const debit = tryParseAmount(netDebit, 'CNY');
  const cap = tryParseAmount(netDebitCap, 'CNY');
  if (!debit.ok || !cap.ok || cap.amountMinor === 0n) return null;
  const perMille = (debit.amountMinor * 1000n) / cap.amountMinor;
  return Number(perMille > 1000n ? 1000n : perMille);
}
