import { CURRENCY_MINOR_DIGITS, isCurrencyCode, MAX_AMOUNT_MINOR, tryParseAmount } from '../money';
import { ReconInputError } from './statement-line';

/**
 * ISO 4217 minor-unit digits for currencies beyond those the house clears: statements of
 * nostro accounts arrive in any currency, and matching needs exact minor units. The table
 * lists the exceptions to two digits and the common two-digit codes; a code in neither is
 * refused rather than guessed.
 */
const ZERO = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR = 'CLF UYW';
const TWO =
  'AED AUD BDT BGN BRL CAD CHF CNH CNY CZK DKK EGP EUR GBP HKD HUF IDR ILS INR KES KZT LKR MAD MOP MXN MYR NGN NOK NZD ' +
  'PHP PKR PLN QAR RON RSD RUB SAR SEK SGD THB TRY TWD UAH USD UZS ZAR';

const DIGITS = new Map<string, number>();
for (const [codes, digits] of [[ZERO, 0], [TWO, 2], [THREE, 3], [FOUR, 4]] as const) {
  for (const code of codes.split(' ')) DIGITS.set(code, digits);
}
for (const [code, digits] of Object.entries(CURRENCY_MINOR_DIGITS)) DIGITS.set(code, digits);

export function currencyDigits(currency: string): number {
  const digits = DIGITS.get(currency);
  if (digits === undefined) throw new ReconInputError('unknown_currency', `currency "${currency}" has no known minor units`);
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
