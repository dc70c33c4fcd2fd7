import { describe, expect, it } from 'vitest';
import { currencyDigits, decimalToMinor, minorToDecimal } from './currency-digits';
import { dateOfDay, dayNumber } from './days';
import { reconcile } from './engine';

describe('amounts in any ISO currency', () => {
  it('uses the minor units of each currency and round trips', () => {
    expect(currencyDigits('RON')).toBe(2);
    expect(currencyDigits('BHD')).toBe(3);
    expect(decimalToMinor('591636', 'RON')).toBe(59163600n);
    expect(decimalToMinor('-1.234', 'BHD')).toBe(-1234n);
    expect(decimalToMinor('165486600', 'JPY')).toBe(165486600n);
    expect(decimalToMinor('12.50', 'CNY')).toBe(1250n);
    expect(decimalToMinor('12.500', 'CNY')).toBe(1250n); // extra zeros only
    expect(minorToDecimal(-1234n, 'BHD')).toBe('-1.234');
    expect(minorToDecimal(5n, 'CNY')).toBe('0.05');
  });

  it('refuses what it cannot hold exactly', () => {
    expect(() => decimalToMinor('1.5', 'JPY')).toThrow('0 decimal places');
    expect(() => decimalToMinor('12.501', 'CNY')).toThrow();
    expect(() => decimalToMinor('-0.00', 'CNY')).toThrow('negative zero');
    expect(() => decimalToMinor('1,000.00', 'CNY')).toThrow('not a decimal');
    expect(() => decimalToMinor('1', 'XYZ')).toThrow('no known minor units');
    expect(() => decimalToMinor('999999999999999999', 'RON')).toThrow('larger than the system allows');
  });

  it('and the matcher refuses lines beyond the limit', () => {
    const line = { id: 'x', date: '2026-11-26', amountMinor: 10n ** 20n, currency: 'CNY', reference: null, endToEndId: null, counterparty: null, description: null };
    expect(() => reconcile([line], [])).toThrow('beyond the system limit');
  });
});

describe('day numbers', () => {
  it('agree with the calendar, both ways, across leap years', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    // 56 years x 365 + 14 leap days (1972..2024) = 20,454 for 2026-01-01; 26 Nov is 329 days on.
    expect(dayNumber('2026-11-26')).toBe(20_783);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
    expect(dayNumber('2100-03-01') - dayNumber('2100-02-28')).toBe(1);
    for (const d of ['2000-02-29', '2026-12-31', '1999-01-01']) expect(dateOfDay(dayNumber(d))).toBe(d);
    expect(() => dayNumber('2026-02-29')).toThrow('not a calendar date');
    expect(() => dayNumber('26-11-2026')).toThrow();
  });
});
