import { describe, expect, it } from 'vitest';
import { pickedBySide, reconActionForKey, selectionTotals, signedGrouped, withinTolerance } from './recon-format';

describe('workspace figures', () => {
  it('adds the selection on each side and shows statement minus books', () => {
    // Books: a 1,000.00 debit and a 333.00 credit; statement: one 667.00 debit (a netted pair).
    const totals = selectionTotals([{ amount: '-1000.00' }, { amount: '333.00' }], [{ amount: '-667.00' }]);
    expect(totals).toEqual({ booksMinor: -66_700n, statementMinor: -66_700n, differenceMinor: 0n });
    expect(selectionTotals([{ amount: '100.00' }], [{ amount: '99.50' }]).differenceMinor).toBe(-50n);
  });
  it('allows a difference up to the smaller of 20.00 and 0.5% of the books', () => {
    expect(withinTolerance(-50n, 10_000n, 2000n)).toBe(true); // 0.50 on 100.00: exactly 0.5%
    expect(withinTolerance(-51n, 10_000n, 2000n)).toBe(false);
    expect(withinTolerance(2000n, 10_000_000n, 2000n)).toBe(true); // 20.00 on 100,000.00
    expect(withinTolerance(2001n, 10_000_000n, 2000n)).toBe(false);
  });
  it('groups signed amounts and maps keys', () => {
    expect(signedGrouped('-1234567.50')).toBe('-1,234,567.50');
    expect(signedGrouped(null)).toBe('—');
    expect(reconActionForKey('M')).toBe('match');
    expect(reconActionForKey('x')).toBeNull();
    expect(reconActionForKey('o')).toBe('assign');
    expect(reconActionForKey('R')).toBe('review');
  });
  it('sends a bulk action once per side that has lines picked, books first', () => {
    const l = (id: string) => ({ id });
    expect(pickedBySide({ books: [l('B1'), l('B2')], statement: [l('S1')] })).toEqual([{ side: 'books', ids: ['B1', 'B2'] }, { side: 'statement', ids: ['S1'] }]);
    expect(pickedBySide({ books: [], statement: [l('S1'), l('S2')] })).toEqual([{ side: 'statement', ids: ['S1', 'S2'] }]);
    expect(pickedBySide({ books: [], statement: [] })).toEqual([]);
  });
});
