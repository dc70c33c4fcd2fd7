import { describe, expect, it } from 'vitest';
import { reconcile } from './engine';
import type { StatementLine } from './statement-line';

const line = (id: string, amountMinor: bigint, extra: Partial<StatementLine> = {}): StatementLine => ({
  id, date: '2026-12-04', amountMinor, currency: 'CNY', reference: null, endToEndId: null, counterparty: null, description: null, ...extra,
});

describe('reconcile by cycle (a DNS cycle is one net line on the statement)', () => {
  it('a net line settles the books lines of its cycle when they add up exactly; RTGS lines match by reference', () => {
    const books = [
      line('P1', -120_00n, { cycleId: '2026-12-04/3' }),
      line('P2', 500_00n, { cycleId: '2026-12-04/3' }),
      line('P3', -30_00n, { cycleId: '2026-12-04/3' }),
      line('P4', 80_00n, { cycleId: '2026-12-04/4' }),
      line('R1', -1_000_000_00n, { reference: 'HKB-R1' }),
    ];
    const statement = [
      line('C3', 350_00n, { cycleId: '2026-12-04/3', description: 'net' }),
      line('C4', 75_00n, { cycleId: '2026-12-04/4', description: 'net' }),
      line('G1', -1_000_000_00n, { reference: 'HKB-R1' }),
    ];
    const result = reconcile(books, statement);
    expect(result.matches).toEqual([
      // -120 + 500 - 30 = 350: the cycle's payments in the books, in books order.
      { books: ['P1', 'P2', 'P3'], statement: ['C3'], rule: 'cycle-net', score: 1 },
      { books: ['R1'], statement: ['G1'], rule: 'reference', score: 1 },
    ]);
    // Cycle 4 nets 75.00 at the house and 80.00 in the books: an exception for a person.
    expect(result.unmatched).toEqual({ books: ['P4'], statement: ['C4'] });
  });

  it('leaves a cycle alone when two statement lines name it, or the currencies differ', () => {
    const books = [line('P1', 10_00n, { cycleId: 'd/1' }), line('P2', 10_00n, { cycleId: 'd/2', currency: 'USD' })];
    const statement = [line('A', 10_00n, { cycleId: 'd/1' }), line('B', 10_00n, { cycleId: 'd/1' }), line('C', 10_00n, { cycleId: 'd/2' })];
    const result = reconcile(books, statement, { amountDate: { enabled: false }, subset: { enabled: false } });
    expect(result.matches).toEqual([]);
  });

  it('still refuses a repeated id across the lines it takes and the rest', () => {
    const books = [line('P1', 10_00n, { cycleId: 'd/1' }), line('P1', 5_00n)];
    expect(() => reconcile(books, [line('C', 10_00n, { cycleId: 'd/1' })])).toThrow(/P1/);
  });
});

describe('by cycle from files', () => {
  it('a statement net line names its cycle in its reference; the books CSV carries a cycle column', async () => {
    const { readCsvLines } = await import('./csv-lines');
    const books = readCsvLines(
      'id,date,amount,currency,reference,counterparty,description,cycle\n' +
        'P1,2026-12-04,-120.00,CNY,P1,A,,2026-12-04/3\nP2,2026-12-04,500.00,CNY,P2,B,,2026-12-04/3\nRTGS-1,2026-12-04,-9.00,CNY,RTGS-1,C,,\n',
    );
    expect(books.map((l) => l.cycleId)).toEqual(['2026-12-04/3', '2026-12-04/3', null]);
    const statement = [line('S1', 380_00n, { reference: '2026-12-04/3' }), line('S2', -9_00n, { reference: 'RTGS-1' })];
    expect(reconcile(books, statement).matches).toEqual([
      { books: ['P1', 'P2'], statement: ['S1'], rule: 'cycle-net', score: 1 },
      { books: ['RTGS-1'], statement: ['S2'], rule: 'reference', score: 1 },
    ]);
  });
});
