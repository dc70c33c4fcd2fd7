import { describe, it, expect } from 'vitest';
import { capUsePerMille, signOf, signedGrouped } from './liquidity-format';

describe('liquidity figures', () => {
  it('shows signed nets with a sign and grouping', () => {
    expect(signedGrouped('1234567.50')).toBe('+1,234,567.50');
    expect(signedGrouped('-20.00')).toBe('-20.00');
    expect(signedGrouped('0.00')).toBe('0.00');
    expect(signedGrouped('abc')).toBe('abc');
    expect([signOf('3.00'), signOf('-0.01'), signOf('0.00')]).toEqual(['pos', 'neg', 'zero']);
  });
  it('works out the share of the net debit cap in use exactly', () => {
    // 50,000,000.00 of 200,000,000.00 = 250 per mille.
    expect(capUsePerMille('50000000.00', '200000000.00')).toBe(250);
    // 1.00 of 3.00 = 333.33.. -> 333 (rounded down, never overstated as free).
    expect(capUsePerMille('1.00', '3.00')).toBe(333);
    expect(capUsePerMille('5.00', '1.00')).toBe(1000);
    expect(capUsePerMille('0.00', '0.00')).toBeNull();
  });
});
