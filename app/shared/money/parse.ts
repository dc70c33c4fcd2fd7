import { type CurrencyCode, minorDigits } from './currency';
import { MAX_AMOUNT_MINOR, MAX_AMOUNT_TEXT_LENGTH } from './limits';

export type AmountParseErrorCode =
  | 'empty'
  | 'too_long'
  | 'syntax'
  | 'too_many_decimals'
  | 'negative_zero'
  | 'negative_not_allowed'
  | 'out_of_range';

export type AmountParseResult =
  | { ok: true; amountMinor: bigint }
  | { ok: false; code: AmountParseErrorCode; message: string };

export interface ParseAmountOptions {
  /** Allow a leading '-' (signed positions, statement lines). Default false. */
  allowNegative?: boolean;
}

// Plain decimal only: no exponent, no grouping, no spaces, no '+', no leading zeros, no bare '.'.
const DECIMAL = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/**
 * Parses a decimal string strictly into minor units. Never goes through a float.
 * "1.5" is 150 fen; "1.001" is refused for CNY; "1e3", " 1.00", "", "-0.00", "01" are refused.
 */
export function tryParseAmount(
  text: string,
  currency: CurrencyCode,
  options: ParseAmountOptions = {},
): AmountParseResult {
  if (typeof text !== 'string') {
    return { ok: false, code: 'syntax', message: 'amount must be a decimal string like 1234.50, not a number or other value' };
  }
  if (text.length === 0) {
    return { ok: false, code: 'empty', message: 'amount is empty' };
  }
  if (text.length > MAX_AMOUNT_TEXT_LENGTH) {
    return { ok: false, code: 'too_long', message: `amount is longer than ${MAX_AMOUNT_TEXT_LENGTH} characters` };
  }
  const match = DECIMAL.exec(text);
  if (!match) {
    return { ok: false, code: 'syntax', message: `"${text}" is not a plain decimal amount like 1234.50` };
  }
  const [, sign, whole = '0', fraction = ''] = match;
  const digits = minorDigits(currency);
  if (fraction.length > digits) {
    return {
      ok: false,
      code: 'too_many_decimals',
      message: `${currency} amounts have at most ${digits} decimal place${digits === 1 ? '' : 's'}`,
    };
  }
  if (text.endsWith('.')) {
    return { ok: false, code: 'syntax', message: `"${text}" is not a plain decimal amount like 1234.50` };
  }
  const magnitude = BigInt(whole + fraction.padEnd(digits, '0'));
  if (sign === '-') {
    if (magnitude === 0n) return { ok: false, code: 'negative_zero', message: 'negative zero is not an amount' };
    if (!options.allowNegative) {
      return { ok: false, code: 'negative_not_allowed', message: 'amount must not be negative' };
    }
  }
  if (magnitude > MAX_AMOUNT_MINOR) {
    return { ok: false, code: 'out_of_range', message: 'amount is larger than the system allows' };
  }
  return { ok: true, amountMinor: sign === '-' ? -magnitude : magnitude };
}

export class AmountParseError extends Error {
  constructor(
    readonly code: AmountParseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AmountParseError';
  }
}

/** As tryParseAmount, but throws AmountParseError. */
export function parseAmount(text: string, currency: CurrencyCode, options: ParseAmountOptions = {}): bigint {
  const result = tryParseAmount(text, currency, options);
  if (!result.ok) throw new AmountParseError(result.code, result.message);
  return result.amountMinor;
}
