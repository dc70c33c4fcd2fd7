import { describe, expect, it } from 'vitest';
import { KeyTable } from './key-table';
import { assertUniqueIds, IdCheck } from './statement-line';

describe('KeyTable', () => {
  it('numbers distinct keys in order of first insertion and finds them again', () => {
    const table = new KeyTable(5000);
    const keys = Array.from({ length: 5000 }, (_, i) => `E2E${String(i).padStart(10, '0')}`);
    keys.forEach((key, i) => expect(table.intern(key)).toBe(i));
    // Equal content in another string object is the same key.
    expect(table.intern(['E2E', '0000004321'].join(''))).toBe(4321);
    expect(table.size).toBe(5000);
    keys.forEach((key, i) => expect(table.find(key)).toBe(i));
    expect(table.find('E2E9999999999')).toBe(-1);
    expect(table.find('')).toBe(-1);
    expect(table.key(17)).toBe(keys[17]);
  });

  it('refuses more keys than its capacity (a bug in the caller, not a slow table)', () => {
    const table = new KeyTable(2);
    table.intern('a');
    table.intern('b');
    expect(table.intern('a')).toBe(0);
    expect(() => table.intern('c')).toThrow('capacity');
  });

  it('IdCheck and assertUniqueIds refuse the first repeat, naming the side', () => {
    const ids = new IdCheck(3, 'books');
    ids.add('x');
    ids.add('y');
    expect(() => ids.add('x')).toThrow('books: id "x" appears more than once');
    const line = (id: string) => ({ id, date: '2026-11-26', amountMinor: 1n, currency: 'CNY', reference: null, endToEndId: null, counterparty: null, description: null });
    expect(() => assertUniqueIds([line('a'), line('b'), line('a')], 'statement')).toThrow('statement: id "a" appears more than once');
    expect(() => assertUniqueIds([], 'statement')).not.toThrow();
  });
});
