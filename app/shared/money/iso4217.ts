import { CURRENCY_MINOR_DIGITS } from './currency';

/**
 * ISO 4217 minor-unit digits for currencies beyond those the house clears: statements of
 * nostro accounts and cross-border messages arrive in any currency, and both matching and the
 * ISO 20022 reader need exact minor units. The table lists the exceptions to two digits and
 * the common two-digit codes; a code in neither is unknown (null), never guessed.
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

/** The currency's minor-unit digits, or null for a code the table does not know. */
export function iso4217MinorDigits(currency: string): number | null {
  return DIGITS.get(currency) ?? null;
}
