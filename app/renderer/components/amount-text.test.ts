import { describe, it, expect } from 'vitest';
import { capitalsOfWire, groupedAmount } from './amount-text';

describe('amount text', () => {
  it('groups thousands without touching the fen', () => {
    expect(groupedAmount('1234567.50')).toBe('1,234,567.50');
    expect(groupedAmount('0.05')).toBe('0.05');
    expect(groupedAmount('oops')).toBe('oops');
  });
  it('writes wire amounts in capitals', () => {
    expect(capitalsOfWire('6007.14')).toBe('陆仟零柒元壹角肆分');
  });
});
