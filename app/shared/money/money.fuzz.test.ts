import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CURRENCY_CODES, minorDigits, type CurrencyCode } from './currency';
import { formatAmount } from './format';
import { MAX_AMOUNT_MINOR, MAX_AMOUNT_TEXT_LENGTH } from './limits';
import { AmountParseError, parseAmount, tryParseAmount, type AmountParseErrorCode } from './parse';
import { amountInCapitals, MAX_CAPITALS_CHARS, parseCapitals } from './capitals';

/**
 * Hostile input for the money parsers: whatever text arrives, the answer is
 * a value or a refusal with a code and a clear message; never a crash, never a float.
 */
const CODES: readonly AmountParseErrorCode[] = ['empty', 'too_long', 'syntax', 'too_many_decimals', 'negative_zero', 'negative_not_allowed', 'out_of_range'];
const STRICT_FORM = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

const currency = fc.constantFrom<CurrencyCode>(...CURRENCY_CODES);

/** Text that looks like money: digits, signs, points, exponents, grouping, unicode digits, junk. */
const moneyish = fc
  .array(
    fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', 'E', ',', ' ', '\u00a0', '１', '٣', 'NaN', 'Infinity', '0x', '_', '\u0000', '𝟙', '¥', '\n'),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

/** A valid amount's text with one structured mutation applied. */
function mutated(text: string, mutation: number, at: number, junk: string): string {
  const cut = at % (text.length + 1);
  switch (mutation) {
    case 0:
      return text.slice(0, cut); // truncate
    case 1:
      return text.slice(0, cut) + junk + text.slice(cut); // insert junk
    case 2:
      return text + text; // duplicate
    case 3:
      return `${text}e${at % 400}`; // exponent
    case 4:
      return `${text}${'0'.repeat(at % 40)}1`; // many decimals / huge
    case 5:
      return `-${text}`; // sign
    default:
      return text.replace('.', ','); // decimal comma
  }
}

function expectClearRefusalOrValue(text: string, cur: CurrencyCode, allowNegative: boolean): void {
  const result = tryParseAmount(text, cur, { allowNegative });
  if (result.ok) {
    expect(typeof result.amountMinor).toBe('bigint');
    expect(text).toMatch(STRICT_FORM);
    expect(text.length).toBeLessThanOrEqual(MAX_AMOUNT_TEXT_LENGTH);
    const magnitude = result.amountMinor < 0n ? -result.amountMinor : result.amountMinor;
    expect(magnitude <= MAX_AMOUNT_MINOR).toBe(true);
    if (!allowNegative) expect(result.amountMinor >= 0n).toBe(true);
  } else {
    expect(CODES).toContain(result.code);
    expect(result.message.length).toBeGreaterThan(5);
    // parseAmount refuses the same text with its own error class, nothing else.
    let thrown: unknown;
    try {
      parseAmount(text, cur, { allowNegative });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AmountParseError);
    expect((thrown as AmountParseError).code).toBe(result.code);
  }
}

describe('money parser under hostile input', () => {
  it('arbitrary unicode text: a value in range or a coded refusal, never a throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), currency, fc.boolean(), (text, cur, neg) => expectClearRefusalOrValue(text, cur, neg)),
      { numRuns: 1500 },
    );
  });

  it('money-like junk (signs, exponents, grouping, unicode digits, NaN, Infinity)', () => {
    fc.assert(fc.property(moneyish, currency, fc.boolean(), (text, cur, neg) => expectClearRefusalOrValue(text, cur, neg)), { numRuns: 3000 });
  });

  it('structured mutations of valid amounts', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR }),
        currency,
        fc.nat(6),
        fc.nat(),
        fc.string({ maxLength: 4 }),
        (minor, cur, mutation, at, junk) => expectClearRefusalOrValue(mutated(formatAmount(minor, cur), mutation, at, junk), cur, true),
      ),
      { numRuns: 3000 },
    );
  });

  it('non-string input is refused, not crashed on', () => {
    for (const value of [undefined, null, 12, 12.5, 10n, {}, [], ['1'], true, Number.NaN]) {
      const result = tryParseAmount(value as unknown as string, 'CNY');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/amount/);
      expect(() => parseAmount(value as unknown as string, 'CNY')).toThrow(AmountParseError);
    }
  });

  it('round-trips every amount of every currency through its wire text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR }), currency, (minor, cur) => {
        const text = formatAmount(minor, cur);
        expect(text).toMatch(STRICT_FORM);
        const back = tryParseAmount(text, cur, { allowNegative: true });
        expect(back).toEqual({ ok: true, amountMinor: minor });
      }),
      { numRuns: 2000 },
    );
  });

  it('accepted text is canonical up to trailing zeros: parse, format, parse gives the same amount', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?(0|[1-9][0-9]{0,16})(\.[0-9]{0,3})?$/), currency, (text, cur) => {
        const first = tryParseAmount(text, cur, { allowNegative: true });
        if (!first.ok) return;
        const again = tryParseAmount(formatAmount(first.amountMinor, cur), cur, { allowNegative: true });
        expect(again).toEqual(first);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses every float rendering that uses an exponent, NaN or Infinity', () => {
    fc.assert(
      fc.property(fc.double(), currency, (value, cur) => {
        const text = String(value);
        if (/[eEN]|Infinity/.test(text)) {
          const result = tryParseAmount(text, cur, { allowNegative: true });
          expect(result.ok).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
    for (const text of ['1e3', '1E3', '1.5e2', '-1e-2', '1e+2', '0e0', 'NaN', '-NaN', 'Infinity', '-Infinity', '0x10', '1_000', '1n']) {
      const result = tryParseAmount(text, 'CNY', { allowNegative: true });
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.code).toBe('syntax');
    }
  });

  it('refuses negative zero in every spelling, and more decimals than the currency has', () => {
    fc.assert(
      fc.property(fc.nat(6), currency, (zeros, cur) => {
        const text = zeros === 0 ? '-0' : `-0.${'0'.repeat(zeros)}`;
        const result = tryParseAmount(text, cur, { allowNegative: true });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(zeros > minorDigits(cur) ? ['too_many_decimals', 'negative_zero'] : ['negative_zero']).toContain(result.code);
      }),
    );
    fc.assert(
      fc.property(currency, fc.integer({ min: 1, max: 12 }), (cur, extra) => {
        const text = `1.${'1'.repeat(minorDigits(cur) + extra)}`;
        const result = tryParseAmount(text, cur);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['too_many_decimals', 'too_long', 'syntax']).toContain(result.code);
      }),
    );
  });

  it('refuses huge numbers without building them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 18, max: 100_000 }), currency, (digits, cur) => {
        const result = tryParseAmount('9'.repeat(digits), cur);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['out_of_range', 'too_long']).toContain(result.code);
      }),
      { numRuns: 200 },
    );
  });
});

describe('capitals parser under hostile input', () => {
  const capitalChars = fc.constantFrom('零', '壹', '贰', '叁', '玖', '拾', '佰', '仟', '万', '亿', '元', '角', '分', '整', '貳', '億', '萬', '圓', '正', '人民币', '一', 'x', '1');

  it('arbitrary text and capital-like junk: a value or a refusal with a message, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.array(capitalChars, { maxLength: 40 }).map((a) => a.join(''))), (text) => {
        const result = parseCapitals(text);
        if (result.ok) {
          expect(result.amountMinor >= 0n && result.amountMinor <= MAX_AMOUNT_MINOR).toBe(true);
          expect(parseCapitals(amountInCapitals(result.amountMinor))).toEqual(result);
        } else {
          expect(result.message.length).toBeGreaterThan(3);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips every amount in range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_AMOUNT_MINOR }), (minor) => {
        expect(parseCapitals(amountInCapitals(minor, { prefix: true }))).toEqual({ ok: true, amountMinor: minor });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses very long text (a run of 亿 would otherwise build an enormous number) before reading it', () => {
    const result = parseCapitals('壹亿'.repeat(50_000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(String(MAX_CAPITALS_CHARS));
  });
});
