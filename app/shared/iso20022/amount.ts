import { formatAmount, isCurrencyCode, iso4217MinorDigits, tryParseAmount } from '../money';
import { Iso20022Error } from './errors';
import type { XmlElement } from './xml-tree';

/** ISO 20022 ActiveOrHistoricCurrencyAndAmount: at most 18 digits, 5 of them after the point. */
const ISO_AMOUNT = /^(0|[1-9][0-9]*)(?:\.([0-9]{1,5}))?$/;
const ISO_TOTAL_DIGITS = 18;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * An ISO amount as an exact decimal string. For currencies the house clears it is parsed into
 * minor units and written back canonically ("10" GBP -> "10.00"), so a value carrying more
 * decimals than the currency has is refused unless the extra digits are zeros. Other ISO 4217
 * currencies are written with their own minor digits too ("591636" RON -> "591636.00"), so
 * every message prints amounts the same way; a code outside the ISO 4217 table keeps the
 * file's digits after the pattern check (no minor units are invented for it).
 */
export function normaliseAmount(text: string, currency: string, where: string): string {
  if (!CURRENCY.test(currency)) {
    throw new Iso20022Error('invalid_value', `${where}: "${currency}" is not an ISO 4217 currency code`);
  }
  const match = ISO_AMOUNT.exec(text);
  if (!match) {
    throw new Iso20022Error('invalid_value', `${where}: "${text}" is not an ISO 20022 amount (plain decimal, no sign)`);
  }
  const [, whole = '', fraction = ''] = match;
  if (whole.length + fraction.length > ISO_TOTAL_DIGITS) {
    throw new Iso20022Error('invalid_value', `${where}: "${text}" has more than ${ISO_TOTAL_DIGITS} digits`);
  }
  const trimmed = fraction.replace(/0+$/, '');
  if (!isCurrencyCode(currency)) return withMinorDigits(whole, trimmed, text, currency, where);
  const parsed = tryParseAmount(trimmed === '' ? whole : `${whole}.${trimmed}`, currency);
  if (!parsed.ok) throw new Iso20022Error('invalid_value', `${where}: ${currency} ${text}: ${parsed.message}`);
  return formatAmount(parsed.amountMinor, currency);
}

function withMinorDigits(whole: string, trimmedFraction: string, text: string, currency: string, where: string): string {
  const digits = iso4217MinorDigits(currency);
  if (digits === null) return text;
  if (trimmedFraction.length > digits) {
    throw new Iso20022Error('invalid_value', `${where}: ${currency} ${text}: ${currency} has ${digits} decimal place${digits === 1 ? '' : 's'}`);
  }
  return digits === 0 ? whole : `${whole}.${trimmedFraction.padEnd(digits, '0')}`;
}

/** Reads an amount element with its Ccy attribute. */
export function readAmount(element: XmlElement | undefined, where: string): { amount: string; currency: string } {
  if (!element || element.text === '') throw new Iso20022Error('missing_field', `${where} is missing`);
  const currency = element.attrs.Ccy;
  if (currency === undefined) throw new Iso20022Error('missing_field', `${where} has no Ccy attribute`);
  return { amount: normaliseAmount(element.text, currency, where), currency };
}

/** As readAmount, but an absent element gives nulls (optional amounts such as a pacs.002's). */
export function readOptionalAmount(
  element: XmlElement | undefined,
  where: string,
): { amount: string | null; currency: string | null } {
  return element ? readAmount(element, where) : { amount: null, currency: null };
}
