import { type CurrencyCode, minorDigits } from './currency';

/** Minor units to the wire form: "1234.50", "-0.05", "7" for JPY. */
export function formatAmount(amountMinor: bigint, currency: CurrencyCode): string {
  const digits = minorDigits(currency);
  const negative = amountMinor < 0n;
  const magnitude = (negative ? -amountMinor : amountMinor).toString();
  if (digits === 0) return (negative ? '-' : '') + magnitude;
  const padded = magnitude.padStart(digits + 1, '0');
  const whole = padded.slice(0, -digits);
  const fraction = padded.slice(-digits);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

const CURRENCY_SYMBOL: Partial<Record<CurrencyCode, string>> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', HKD: 'HK$', JPY: 'JP¥' };

/**
 * For people: thousands grouped with commas, optionally with the currency symbol
 * ("¥1,409.50", as the PBoC rules ask for the figures on a voucher).
 */
export function formatAmountGrouped(
  amountMinor: bigint,
  currency: CurrencyCode,
  options: { symbol?: boolean } = {},
): string {
  const plain = formatAmount(amountMinor, currency);
  const negative = plain.startsWith('-');
  const unsigned = negative ? plain.slice(1) : plain;
  const [whole = '0', fraction] = unsigned.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = options.symbol ? (CURRENCY_SYMBOL[currency] ?? `${currency} `) : '';
  return `${negative ? '-' : ''}${symbol}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
