import { describe, expect, it } from 'vitest';
import { readMt940 } from './mt940';
import { detectStatementFormat, readStatementLines } from './statement-lines';

const MT940 = [
  '{1:F01ICBKCNBJAXXX0000000000}{2:O9401200261126ICBKCNBJAXXX00000000002611261200N}{4:',
  ':20:STMT20261126',
  ':25:420101000012345',
  ':28C:00001/001',
  ':60F:C261125CNY1000,00',
  ':61:2611261126C200,00NTRFE2E-0001//HK900001',
  ':86:/EREF/E2E-0001/NAME/Wuhan Steel Co Ltd/REMI/INV 7',
  ':61:2611261126D349,5NTRFNONREF//HK900002',
  'SUPPLIER PAYMENT',
  ':86:?20Rechnung 42?32Hankou Paper?33 Mill',
  ':61:2612310101RD10,NCHGNONREF',
  ':62F:C261126CNY860,50',
  '-}',
].join('\r\n');

describe('MT940', () => {
  it('reads balances, lines, references, names and narratives', () => {
    const [statement] = readMt940(MT940);
    expect(statement?.account).toBe('420101000012345');
    expect(statement?.openingBalance).toEqual({ amount: '1000.00', currency: 'CNY', creditDebit: 'CRDT', date: '2026-11-25' });
    expect(statement?.closingBalance).toEqual({ amount: '860.50', currency: 'CNY', creditDebit: 'CRDT', date: '2026-11-26' });
    expect(statement?.entries).toEqual([
      {
        amount: '200.00', currency: 'CNY', creditDebit: 'CRDT', bookingDate: '2026-11-26', valueDate: '2026-11-26',
        reference: 'HK900001', endToEndId: 'E2E-0001', counterparty: 'Wuhan Steel Co Ltd',
        remittance: '/EREF/E2E-0001/NAME/Wuhan Steel Co Ltd/REMI/INV 7',
      },
      {
        amount: '349.50', currency: 'CNY', creditDebit: 'DBIT', bookingDate: '2026-11-26', valueDate: '2026-11-26',
        reference: 'HK900002', endToEndId: null, counterparty: 'Hankou Paper Mill',
        remittance: 'SUPPLIER PAYMENT ?20Rechnung 42?32Hankou Paper?33 Mill',
      },
      // A reversal of a debit (RD) is a credit; its entry date 0101 falls in the next year.
      {
        amount: '10.00', currency: 'CNY', creditDebit: 'CRDT', bookingDate: '2027-01-01', valueDate: '2026-12-31',
        reference: null, endToEndId: null, counterparty: null, remittance: null,
      },
    ]);
    // The day proves: 1000.00 + 200.00 - 349.50 + 10.00 = 860.50.
    expect(100000n + 20000n - 34950n + 1000n).toBe(86050n);
  });

  it('is detected by content and becomes signed statement lines', () => {
    expect(detectStatementFormat(MT940)).toBe('mt940');
    expect(detectStatementFormat(':20:X\n:25:Y\n')).toBe('mt940');
    expect(detectStatementFormat('  <?xml version="1.0"?><Document/>')).toBe('camt');
    expect(detectStatementFormat('id,date,amount\n')).toBe('csv');
    const { format, lines } = readStatementLines(MT940);
    expect(format).toBe('mt940');
    expect(lines.map((l) => [l.id, l.amountMinor, l.reference, l.endToEndId])).toEqual([
      ['HK900001', 20000n, 'HK900001', 'E2E-0001'],
      ['HK900002', -34950n, 'HK900002', null],
      ['S1-3', 1000n, null, null],
    ]);
  });

  it('refuses broken statements with the line number', () => {
    expect(() => readMt940(':25:X\n')).toThrow(/before the :20:/);
    expect(() => readMt940(':20:A\n:25:X\n:61:2611261126C200,00NTRFREF\n')).toThrow(/line 3: .*opening balance/);
    expect(() => readMt940(':20:A\n:25:X\n:60F:C261125CNY1000,00\n:61:garbage\n')).toThrow(/line 4: .*not an MT940 :61:/);
    expect(() => readMt940(':20:A\n:60F:C261125CNY1000,00\n')).toThrow(/no :25: account/);
    expect(() => readMt940('hello')).toThrow(/no :20:/);
  });
});

describe('MT940 from Chinese banks (issue 16)', () => {
  const file = [
    ':20:HKB20261204',
    ':25:CN0420100000000001',
    ':60F:C261204CNY5000,00',
    ':61:2612041204D1200,00NTRFNONREF',
    ':86:/BENM//NAME/WUHAN CHANGJIANG STEEL/EREF/HKB-20261204-0007/REMI/GOODS',
    ':61:2612041204C300,00NTRFNONREF',
    ':86:/ORDP//NAME/汉口纺织有限公司/CREF/INV-2026-118',
    ':62F:C261204CNY4100,00',
    '-',
    '',
  ].join('\n');

  it('accepts a bare "-" closing the text block', () => {
    const [statement] = readMt940(file);
    expect(statement?.closingBalance).toEqual({ amount: '4100.00', currency: 'CNY', creditDebit: 'CRDT', date: '2026-12-04' });
    expect(statement?.entries).toHaveLength(2);
  });

  it('takes reference and counterparty from the :86: narrative, for matching and for the screen', () => {
    const { lines } = readStatementLines(file);
    expect(lines.map((l) => [l.id, l.reference, l.endToEndId, l.counterparty])).toEqual([
      ['HKB-20261204-0007', 'HKB-20261204-0007', 'HKB-20261204-0007', 'WUHAN CHANGJIANG STEEL'],
      ['INV-2026-118', 'INV-2026-118', null, '汉口纺织有限公司'],
    ]);
    expect(lines[1]?.description).toBe('/ORDP//NAME/汉口纺织有限公司/CREF/INV-2026-118');
  });
});
