import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_AMOUNT_MINOR } from '../money';
import { MAX_CSV_FIELD_CHARS, parseCsv } from './csv';
import { readCsvLines, type CsvMapping } from './csv-lines';
import { dayNumber } from './days';
import { ReconInputError } from './statement-line';

/**
 * Hostile input for the CSV readers: any text is rows of fields or a
 * ReconInputError naming the line; rows become statement lines or a ReconInputError naming
 * the line and the problem. Never a TypeError, RangeError or a hang.
 */
const VALID = [
  'id,date,amount,currency,reference,counterparty,description',
  'B-1,2026-11-26,200.00,CNY,HK900001,Wuhan Steel,"INV 7, 8"',
  'B-2,20261126,-349.50,CNY,,"Supplier ""A""",',
  'B-3,2026/11/26,10,JPY,R3,,',
  'B-4,2026-11-26,1.234,KWD,R4,,"two\nlines"',
];

const FIELD_JUNK = [
  '', '"', '""', '"a""b"', '"open', 'a"b', ',', ';', '\t', '|', '\n', '\r\n', '\r', '\uFEFF', '\u0000', '😀', '１', ' ',
  '1e3', 'NaN', 'Infinity', '-0', '-0.00', '+1', '0x10', '1,000.00', '1.', '.5', '99999999999999999999', '1.123456789', '-',
  '2026-02-30', '2026-13-01', '99999999', '0000-00-00', '2026/1/1', 'XXX', 'cny', 'KWD', 'CLF', '__proto__', 'constructor',
  'id', 'date', 'amount',
];
const field = fc.oneof(fc.constantFrom(...FIELD_JUNK), fc.string({ maxLength: 12 }));
const row = fc.array(field, { maxLength: 9 }).map((fields) => fields.join(','));

function rowsOrRefusal(text: string, delimiter = ','): void {
  let rows: string[][];
  try {
    rows = parseCsv(text, delimiter);
  } catch (error) {
    if (!(error instanceof ReconInputError)) {
      throw new Error(`parseCsv threw ${(error as Error)?.name}: ${(error as Error)?.message}\ninput: ${JSON.stringify(text.slice(0, 400))}`);
    }
    expect(error.message).toMatch(/^line \d+: /);
    return;
  }
  for (const r of rows) for (const f of r) expect(f.length).toBeLessThanOrEqual(MAX_CSV_FIELD_CHARS);
}

function linesOrRefusal(text: string, mapping: CsvMapping = {}): void {
  let lines: ReturnType<typeof readCsvLines>;
  try {
    lines = readCsvLines(text, mapping, 'statement');
  } catch (error) {
    if (!(error instanceof ReconInputError)) {
      throw new Error(`readCsvLines threw ${(error as Error)?.name}: ${(error as Error)?.message}\ninput: ${JSON.stringify(text.slice(0, 400))}`);
    }
    expect(error.message.length).toBeGreaterThan(5);
    return;
  }
  const ids = new Set<string>();
  for (const l of lines) {
    expect(ids.has(l.id)).toBe(false);
    ids.add(l.id);
    expect(typeof l.amountMinor).toBe('bigint');
    expect((l.amountMinor < 0n ? -l.amountMinor : l.amountMinor) <= MAX_AMOUNT_MINOR).toBe(true);
    expect(() => dayNumber(l.date)).not.toThrow();
  }
}

describe('CSV readers under hostile input', () => {
  it('the valid seed reads', () => {
    expect(readCsvLines(VALID.join('\n')).map((l) => l.amountMinor)).toEqual([20000n, -34950n, 10n, 1234n]);
  });

  it('parseCsv: arbitrary text with any delimiter gives rows or a line-numbered refusal', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.array(row, { maxLength: 12 }).map((r) => r.join('\n'))), fc.constantFrom(',', ';', '\t', '|'), rowsOrRefusal),
      { numRuns: 2000 },
    );
  });

  it('readCsvLines: arbitrary rows under the header, by name and by position', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(row, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), (withHeader, rows, eol) => {
        linesOrRefusal([...(withHeader ? [VALID[0] as string] : []), ...rows].join(eol));
      }),
      { numRuns: 2000 },
    );
  });

  it('readCsvLines: a valid file with one field of one row replaced by junk', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: VALID.length - 1 }), fc.nat(6), field, (r, f, junk) => {
        const rows = VALID.map((line) => line);
        const fields = parseCsv(rows[r] as string)[0] ?? [];
        fields[f] = junk.includes('"') || junk.includes(',') || /[\r\n]/.test(junk) ? `"${junk.replace(/"/g, '""')}"` : junk;
        rows[r] = fields.join(',');
        linesOrRefusal(rows.join('\n'));
      }),
      { numRuns: 2000 },
    );
  });

  it('readCsvLines: column mappings pointing anywhere, with any delimiter and sign convention', () => {
    const ref = fc.oneof(fc.nat(12), fc.constantFrom('id', 'date', 'amount', 'currency', 'nope', 'ID ', '__proto__'));
    fc.assert(
      fc.property(
        fc.record({ id: ref, date: ref, amount: ref, currency: fc.option(ref, { nil: undefined }) }),
        fc.option(fc.constantFrom('CNY', 'JPY', 'KWD'), { nil: undefined }),
        fc.constantFrom<'credit-positive' | 'debit-positive'>('credit-positive', 'debit-positive'),
        fc.array(row, { maxLength: 6 }),
        (columns, cur, amountSign, rows) => {
          const mapping: CsvMapping = { columns: columns.currency === undefined ? { id: columns.id, date: columns.date, amount: columns.amount } : columns, amountSign, ...(cur ? { currency: cur } : {}) };
          linesOrRefusal([VALID[0] as string, ...rows].join('\n'), mapping);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('an over-long field is refused in quoted and unquoted form', () => {
    for (const text of [`id,date,amount\n${'x'.repeat(MAX_CSV_FIELD_CHARS + 1)},2026-11-26,1.00`, `id,date,amount\n"${'x'.repeat(MAX_CSV_FIELD_CHARS + 1)}",2026-11-26,1.00`]) {
      expect(() => parseCsv(text)).toThrow(ReconInputError);
    }
  });

  it('a hostile mapping is refused with a ReconInputError, not a schema library error', () => {
    for (const mapping of [{ delimiter: 'x' }, { columns: { id: -1, date: 0, amount: 1 } }, { currency: 'cny' }, { extra: true }, { columns: { id: 'id' } }]) {
      expect(() => readCsvLines(VALID.join('\n'), mapping as CsvMapping)).toThrow(ReconInputError);
    }
  });

  it('many rows and many fields stay linear (no stack overflow)', () => {
    linesOrRefusal(`id,date,amount,currency\n${Array.from({ length: 5_000 }, (_, i) => `L${i},2026-11-26,${i}.00,CNY`).join('\n')}`);
    rowsOrRefusal(','.repeat(100_000));
    rowsOrRefusal('\n'.repeat(100_000));
  });
});
