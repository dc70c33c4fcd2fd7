import type { Bilingual, CustomerType } from '../rules/risk-input';

/**
 * PBoC Order [2016] No. 3 (金融机构大额交易和可疑交易报告管理办法), article 5: a large-value
 * transaction is one reaching, on one day, singly or cumulatively (累计), RMB:
 *   (1) cash deposits, withdrawals, exchange ... ............................ 50,000 or more
 *   (2) transfers between a non-natural person's account and other accounts  2,000,000 or more
 *   (3) natural person's domestic transfers ................................... 500,000 or more
 *   (4) natural person's cross-border transfers ............................... 200,000 or more
 * "Cumulative" is per customer, counting money in and money out separately (单边累计).
 * Art. 15: report within 5 working days of the transaction. Foreign-currency thresholds
 * (USD 10,000 / 200,000 / 100,000) are out of scope: the system settles CNY only.
 */
export const LARGE_VALUE_CATEGORIES = ['cash', 'corporate_transfer', 'individual_domestic_transfer', 'individual_cross_border_transfer'] as const;
export type LargeValueCategory = (typeof LARGE_VALUE_CATEGORIES)[number];

/** Thresholds in fen ("以上（含）": the threshold itself is reportable). */
export const LARGE_VALUE_THRESHOLD_MINOR: Readonly<Record<LargeValueCategory, bigint>> = {
  cash: 5_000_000n,
  corporate_transfer: 200_000_000n,
  individual_domestic_transfer: 50_000_000n,
  individual_cross_border_transfer: 20_000_000n,
};

/** Art. 15: working days from the transaction date to the reporting deadline. */
export const LARGE_VALUE_REPORT_WORKING_DAYS = 5;

export const LARGE_VALUE_CATEGORY_NAME: Readonly<Record<LargeValueCategory, Bilingual>> = {
  cash: { zh: '大额现金收付', en: 'cash' },
  corporate_transfer: { zh: '非自然人客户大额转账', en: 'corporate-account transfer' },
  individual_domestic_transfer: { zh: '自然人客户境内大额转账', en: 'natural-person domestic transfer' },
  individual_cross_border_transfer: { zh: '自然人客户跨境大额转账', en: 'natural-person cross-border transfer' },
};

/** Which article 5 category a transaction belongs to. */
export function largeValueCategory(tx: { channel: 'cash' | 'transfer'; customerType: CustomerType; crossBorder: boolean }): LargeValueCategory {
  if (tx.channel === 'cash') return 'cash';
  if (tx.customerType === 'corporate') return 'corporate_transfer';
  return tx.crossBorder ? 'individual_cross_border_transfer' : 'individual_domestic_transfer';
}
