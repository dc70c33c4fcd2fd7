import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { readCsvLines } from './csv-lines';
import { ReconInputError } from './statement-line';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, embedded commas and line breaks, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n\r\n1,,3';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['1', '', '3'],
    ]);
  });

  it('handles a missing final newline, trailing empty fields, LF and semicolons', () => {
    expect(parseCsv('a;b;\nc;;d', ';')).toEqual([
      ['a', 'b', ''],
      ['c', '', 'd'],
    ]);
  });

  it('refuses an unclosed quote and stray quotes with the line number', () => {
    expect(() => parseCsv('a,b\n"open,c\n')).toThrow('line 2: a quoted field is never closed');
    expect(() => parseCsv('a,b\nx"y,c')).toThrow('line 2');
    expect(() => parseCsv('"a"b,c')).toThrow('text after a closing quote');
  });
});

describe('readCsvLines', () => {
  const header = 'id,date,amount,currency,reference,counterparty,description\r\n';

  it('reads the default layout with a header; + is a credit', () => {
    const lines = readCsvLines(
      `${header}B1,2026-11-26,1234.5,CNY,E2E-1,"Wuhan Steel Co., Ltd.",货款\r\nB2,20261127,-0.01,CNY,,,\r\n`,
    );
    expect(lines).toEqual([
      { id: 'B1', date: '2026-11-26', amountMinor: 123450n, currency: 'CNY', reference: 'E2E-1', endToEndId: null, counterparty: 'Wuhan Steel Co., Ltd.', description: '货款' },
      { id: 'B2', date: '2026-11-27', amountMinor: -1n, currency: 'CNY', reference: null, endToEndId: null, counterparty: null, description: null },
    ]);
  });

  it('reads the default layout by position when there is no header', () => {
    const [line] = readCsvLines('B1,2026-11-26,100,JPY,R-1,A,d\n');
    expect(line?.amountMinor).toBe(100n);
    expect(line?.currency).toBe('JPY');
  });

  it('reads a header in another order and names via a mapping, flipping debit-positive exports', () => {
    const text = 'Txn,Amt,Posted,Payee\nT1,250.00,2026/11/26,ACME\n';
    const lines = readCsvLines(text, {
      columns: { id: 'Txn', amount: 'Amt', date: 'Posted', counterparty: 'Payee' },
      currency: 'CNY',
      amountSign: 'debit-positive',
    });
    expect(lines[0]).toMatchObject({ id: 'T1', date: '2026-11-26', amountMinor: -25000n, counterparty: 'ACME' });
  });

  it('refuses bad rows with their line numbers, and duplicate ids', () => {
    expect(() => readCsvLines(`${header}B1,2026-11-26,1.001,CNY,,,\n`)).toThrow(/line 2: .*2 decimal places/);
    expect(() => readCsvLines(`${header}B1,2026-02-30,1,CNY,,,\n`)).toThrow(/line 2: .*not a calendar date/);
    expect(() => readCsvLines(`${header}B1,2026-11-26,1e3,CNY,,,\n`)).toThrow(/line 2: .*not a decimal/);
    expect(() => readCsvLines(`${header}B1,2026-11-26,"1,000.00",CNY,,,\n`)).toThrow(/line 2/);
    expect(() => readCsvLines(`${header}B1,2026-11-26,1,XYZ,,,\n`)).toThrow(/XYZ/);
    expect(() => readCsvLines(`${header}B1,2026-11-26,1,CNY,,,\nB1,2026-11-26,2,CNY,,,\n`)).toThrow(ReconInputError);
    expect(() => readCsvLines('Txn\nT1\n', { columns: { id: 'Txn', amount: 'Amt', date: 'D' } })).toThrow('no column "D" (for date)');
  });
});
