import { describe, it, expect } from 'vitest';
import { capitalsOfWire, centreDateTime, groupedAmount, wireAmount } from './amount-text';

describe('amount text', () => {
  it('groups thousands without touching the fen', () => {
    expect(groupedAmount('1234567.50')).toBe('1,234,567.50');
    expect(groupedAmount('0.05')).toBe('0.05');
    expect(groupedAmount('oops')).toBe('oops');
  });
  it('writes wire amounts in capitals', () => {
    expect(capitalsOfWire('6007.14')).toBe('陆仟零柒元壹角肆分');
  });
  it('shows instants in the clearing centre’s time (UTC+8), whatever the machine’s zone', () => {
    expect(centreDateTime('2026-11-26T09:30:12.345Z')).toBe('2026-11-26 17:30:12');
    expect(centreDateTime('2026-11-26T18:00:00Z')).toBe('2026-11-27 02:00:00');
    expect(centreDateTime('not a time')).toBe('not a time');
  });
});

describe('wireAmount', () => {
  it('drops separators and makes up two decimals; null for nothing; anything else as typed', () => {
    expect(wireAmount('62,080')).toBe('62080.00');
    expect(wireAmount(' 1.5 ')).toBe('1.50');
    expect(wireAmount('50000.00')).toBe('50000.00');
    expect(wireAmount('')).toBeNull();
    expect(wireAmount('1e5')).toBe('1e5');
  });
});
