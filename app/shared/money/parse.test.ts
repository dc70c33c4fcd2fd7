import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAmount, tryParseAmount, AmountParseError } from './parse';
import { formatAmount, formatAmountGrouped } from './format';
import { MAX_AMOUNT_MINOR } from './limits';

describe('tryParseAmount', () => {
  it.each([
    ['0', 0n],
    ['0.00', 0n],
    ['1', 100n],
    ['1.5', 150n],
    ['1409.50', 140950n],
    ['6007.14', 600714n],
    ['999999999999999.99', 99_999_999_999_999_999n],
  ])('reads %s as %s fen', (text, fen) => {
    expect(tryParseAmount(text, 'CNY')).toEqual({ ok: true, amountMinor: fen });
  });

  it.each([
    ['', 'empty'],
    [' 1.00', 'syntax'],
    ['1.00 ', 'syntax'],
    ['1e3', 'syntax'],
    ['1E3', 'syntax'],
    ['+1', 'syntax'],
    ['01', 'syntax'],
    ['1,000.00', 'syntax'],
    ['1.', 'syntax'],
    ['.5', 'syntax'],
    ['abc', 'syntax'],
    ['NaN', 'syntax'],
    ['Infinity', 'syntax'],
    ['１', 'syntax'],
    ['1.001', 'too_many_decimals'],
    ['-0.00', 'negative_zero'],
    ['-0', 'negative_zero'],
    ['-1.00', 'negative_not_allowed'],
    ['1000000000000000.00', 'out_of_range'],
    ['1'.repeat(30), 'too_long'],
  ])('refuses %j (%s)', (text, code) => {
    const result = tryParseAmount(text, 'CNY');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message.length).toBeGreaterThan(5);
    }
  });

  it('reads signed amounts only when asked', () => {
    expect(tryParseAmount('-12.30', 'CNY', { allowNegative: true })).toEqual({ ok: true, amountMinor: -1230n });
    expect(tryParseAmount('-0.00', 'CNY', { allowNegative: true }).ok).toBe(false);
  });

  it('follows the currency precision', () => {
    expect(tryParseAmount('100', 'JPY')).toEqual({ ok: true, amountMinor: 100n });
    expect(tryParseAmount('100.5', 'JPY').ok).toBe(false);
  });

  it('parseAmount throws a typed error', () => {
    expect(() => parseAmount('1e3', 'CNY')).toThrow(AmountParseError);
  });
});

describe('formatAmount', () => {
  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [-5n, '-0.05'],
    [140950n, '1409.50'],
    [-123456789n, '-1234567.89'],
  ])('writes %s fen as %s', (fen, text) => {
    expect(formatAmount(fen, 'CNY')).toBe(text);
  });

  it('groups thousands for people', () => {
    expect(formatAmountGrouped(140950n, 'CNY', { symbol: true })).toBe('¥1,409.50');
    expect(formatAmountGrouped(-100000000n, 'CNY')).toBe('-1,000,000.00');
    expect(formatAmountGrouped(1234567n, 'JPY')).toBe('1,234,567');
  });

  it('round-trips every amount in range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR }), (fen) => {
        const text = formatAmount(fen, 'CNY');
        const back = tryParseAmount(text, 'CNY', { allowNegative: true });
        return fen === 0n ? back.ok && back.amountMinor === 0n : back.ok && back.amountMinor === fen;
      }),
      { numRuns: 2000 },
    );
  });

  it('never crashes on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const result = tryParseAmount(text, 'CNY', { allowNegative: true });
        if (result.ok) expect(formatAmount(result.amountMinor, 'CNY').length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
});
