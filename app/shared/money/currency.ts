/** Currencies the house clears, with their ISO 4217 minor-unit digits. */
export const CURRENCY_MINOR_DIGITS = {
  CNY: 2,
  USD: 2,
  EUR: 2,
  HKD: 2,
  GBP: 2,
  JPY: 0,
} as const;

export type CurrencyCode = keyof typeof CURRENCY_MINOR_DIGITS;

export const CURRENCY_CODES = Object.keys(CURRENCY_MINOR_DIGITS) as CurrencyCode[];

export function isCurrencyCode(value: string): value is CurrencyCode {
  return Object.prototype.hasOwnProperty.call(CURRENCY_MINOR_DIGITS, value);
}

export function minorDigits(currency: CurrencyCode): number {
  return CURRENCY_MINOR_DIGITS[currency];
}
