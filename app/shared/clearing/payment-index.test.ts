import { describe, expect, it } from 'vitest';
import { PaymentIndex } from './payment-index';

/** Inserts ids in order (row = position); returns the index and a lookup helper. */
function indexOf(ids: string[]): PaymentIndex {
  const column: string[] = [];
  const index = new PaymentIndex(column);
  for (const id of ids) {
    expect(index.find(id)).toBe(-1);
    column.push(id);
    index.insertLast(column.length - 1);
  }
  return index;
}

describe('payment index', () => {
  it('finds every id wherever it went: sequences, gaps, leading zeros, UUIDs, collisions of prefix', () => {
    const ids = [
      'A-1-5', 'A-1-6', 'A-1-7', 'A-1-3', // below the family's base: hashed
      'A-1-1000000', // far beyond: hashed
      'A-1-8', 'A-1-007', 'A-1-0', '12', '13', '0', '9999999999', // ten digits: hashed
      '3f2b6c1e-8d1a-4f0e-9c3b-2a1d5e6f7a8b', 'B-2-1', 'B-2-2', 'p1', 'p01', 'T', 'x-',
    ];
    for (let i = 0; i < 5000; i += 1) ids.push(`D-${i % 7}-${1000 + i}`);
    const index = indexOf(ids);
    ids.forEach((id, row) => expect(index.rowOf(id)).toBe(row));
    for (const absent of ['A-1-4', 'A-1-9', 'A-1-07', 'A-1-00', 'B-2-3', 'p001', 'D-0-999', 'D-0-1001', 'D-1-1000', 'nope']) {
      expect(index.rowOf(absent)).toBe(-1);
    }
  });

  it('grows a family as its sequence runs on', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `T${i + 1}`);
    const index = indexOf(ids);
    expect(index.rowOf('T1')).toBe(0);
    expect(index.rowOf('T100000')).toBe(99_999);
    expect(index.rowOf('T100001')).toBe(-1);
    expect(index.rowOf('T0')).toBe(-1);
  });
});
