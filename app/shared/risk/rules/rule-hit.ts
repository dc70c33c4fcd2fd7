import { formatAmountGrouped } from '../../money/format';
import type { Bilingual } from './risk-input';

export const RULE_IDS = [
  'amount_threshold',
  'velocity',
  'structuring',
  'new_counterparty',
  'round_amount',
  'off_hours',
  'dormant_account',
  'cross_border',
  'sanctions_match',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** One rule that fired: its score and an explanation naming the figures that made it fire. */
export interface RuleHit {
  rule: RuleId;
  score: number;
  explanation: Bilingual;
  /** The same figures as data, for the review desk (amounts as decimal strings). */
  figures: Record<string, string | number>;
}

/** "¥50,000.00" — the form officers read on screen. */
export const yuan = (amountMinor: bigint): string => formatAmountGrouped(amountMinor, 'CNY', { symbol: true });
