import { isCurrencyCode, iso4217MinorDigits, MAX_AMOUNT_MINOR, tryParseAmount } from '../money';
import { ReconInputError } from './statement-line';

/** Minor units for any ISO 4217 currency (app/shared/money/iso4217.ts); an unknown code is refused. */
export function currencyDigits(currency: string): number {
  const digits = iso4217MinorDigits(currency);
  if (digits === null) throw new ReconInputError('unknown_currency', `currency "${currency}" has no known minor units`);
  return digits;
}

const DECIMAL = /^([+-]?)(\d{1,18})(?:\.(\d{1,8}))?$/;

/**
 * A decimal string ("-1234.5", "1234.50") to signed minor units of the currency. Extra
 * decimals are allowed only when they are zeros; anything else is a clear error, never rounded.
 */
export function decimalToMinor(text: string, currency: string): bigint {
  const digits = currencyDigits(currency);
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new ReconInputError('bad_amount', `"${text}" is not a decimal amount`);
  const [, sign = '', whole = '0', rawFraction = ''] = match;
  const fraction = rawFraction.length > digits ? rawFraction.replace(/0+$/, '') : rawFraction;
  if (fraction.length > digits) {
    throw new ReconInputError('bad_amount', `"${text}": ${currency} has ${digits} decimal place${digits === 1 ? '' : 's'}`);
  }
  if (isCurrencyCode(currency)) {
    // The house's own currencies go through the house's parser, so the same rules hold
    // everywhere (no leading zeros, no negative zero, the amount limit).
    const parsed = tryParseAmount(`${sign === '-' ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`, currency, { allowNegative: true });
    if (!parsed.ok) throw new ReconInputError('bad_amount', `"${text}": ${parsed.message}`);
    return parsed.amountMinor;
  }
  const magnitude = BigInt(whole + fraction.padEnd(digits, '0'));
  // The same ceiling as the house's currencies: the matcher relies on it (64-bit halves).
  if (magnitude > MAX_AMOUNT_MINOR) throw new ReconInputError('bad_amount', `"${text}" is larger than the system allows`);
  return sign === '-' ? -magnitude : magnitude;
}

/** Minor units back to a plain decimal string ("-1234.50"). */
export function minorToDecimal(amountMinor: bigint, currency: string): string {
  const digits = currencyDigits(currency);
  const negative = amountMinor < 0n;
  const magnitude = (negative ? -amountMinor : amountMinor).toString();
  if (digits === 0) return (negative ? '-' : '') + magnitude;
  const padded = magnitude.padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}
