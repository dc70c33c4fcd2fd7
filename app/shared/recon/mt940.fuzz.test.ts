import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Iso20022Error } from '../iso20022';
import { MAX_AMOUNT_MINOR } from '../money';
import { decimalToMinor } from './currency-digits';
import { dayNumber } from './days';
import { readMt940 } from './mt940';
import { ReconInputError } from './statement-line';
import { readStatementLines } from './statement-lines';

/**
 * Hostile input for the MT940 reader: any text, and a valid statement with
 * lines cut, spliced, duplicated and corrupted, is read whole or refused with a
 * ReconInputError that says why (and where). Never a TypeError, RangeError or a hang.
 */
const MT940_LINES = [
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
];

const JUNK_LINES = [
  ':20:', ':20:X', ':25:', ':60F:', ':60F:C261125XXX1000,00', ':60F:D991231CNY0,', ':60F:C000229CNY1,00', ':60F:C261125JPY1,5',
  ':60F:C261125CNY1,001', ':60F:C261125CNY999999999999999,99', ':60F:C261125CNY9999999999999999,99', ':60F:C261125KWD1,234',
  ':61:', ':61:2613011126C1,00NTRF', ':61:2602301126C1,00NTRF', ':61:2611261399C1,00NTRF', ':61:2611260230D1,00NTRFX//Y',
  ':61:2611261126C999999999999999,99NTRF', ':61:2611261126C1e3NTRF', ':61:2611261126CNaN,00NTRF', ':61:2611261126C-1,00NTRF',
  ':61:2611261126RC,NTRF', ':61:2611261126C,00NTRF', `:61:2611261126C1,00NTRF${'A'.repeat(300)}`, ':86:', ':86:/EREF//NAME/',
  ':86:?32?33', ':62F:C261126CNY', ':62M:Xjunk', ':28C:', '{4:', '-}', '{5:{CHK:123}}', '{1:', ':99Z:x', '::', ':20', '\u0000', '😀',
];

const line = fc.oneof(fc.constantFrom(...JUNK_LINES), fc.constantFrom(...MT940_LINES), fc.string({ maxLength: 30 }));

const edit = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), line }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), offset: fc.nat(), text: fc.string({ maxLength: 6 }) }),
);
type Edit =
  | { kind: 'insert' | 'replace'; at: number; line: string }
  | { kind: 'delete' | 'duplicate'; at: number }
  | { kind: 'splice'; at: number; offset: number; text: string };

function applyEdit(lines: string[], e: Edit): string[] {
  const out = [...lines];
  const at = e.at % (out.length + 1);
  switch (e.kind) {
    case 'insert':
      out.splice(at, 0, e.line);
      break;
    case 'replace':
      out.splice(at, 1, e.line);
      break;
    case 'delete':
      out.splice(at, 1);
      break;
    case 'duplicate':
      if (out[at] !== undefined) out.splice(at, 0, out[at] as string);
      break;
    case 'splice': {
      const target = out[at] ?? '';
      const cut = e.offset % (target.length + 1);
      out[at] = target.slice(0, cut) + e.text + target.slice(cut);
      break;
    }
  }
  return out;
}

function readOrRefuse(text: string): void {
  let statements: ReturnType<typeof readMt940>;
  try {
    statements = readMt940(text);
  } catch (error) {
    if (!(error instanceof ReconInputError)) {
      throw new Error(`readMt940 threw ${(error as Error)?.name}: ${(error as Error)?.message}\ninput: ${JSON.stringify(text.slice(0, 600))}`);
    }
    expect(error.message.length).toBeGreaterThan(5);
    expect(error.code).toMatch(/^[a-z0-9_]+$/);
    return;
  }
  expect(statements.length).toBeGreaterThan(0);
  for (const s of statements) {
    expect(s.account).not.toBeNull();
    for (const entry of s.entries) {
      // Every amount read is exact, in range and never negative (the side carries the sign).
      const minor = decimalToMinor(entry.amount, entry.currency);
      expect(minor >= 0n && minor <= MAX_AMOUNT_MINOR).toBe(true);
      expect(() => dayNumber(entry.valueDate ?? '')).not.toThrow();
      if (entry.bookingDate !== null) expect(() => dayNumber(entry.bookingDate ?? '')).not.toThrow();
    }
  }
}

describe('MT940 reader under hostile input', () => {
  it('the valid seed reads', () => {
    expect(readMt940(MT940_LINES.join('\r\n'))[0]?.entries).toHaveLength(3);
  });

  it('arbitrary text: read or a ReconInputError, never a crash', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 })), readOrRefuse), { numRuns: 1500 });
  });

  it('arbitrary sequences of MT940-like lines', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => readOrRefuse(lines.join(eol))),
      { numRuns: 2000 },
    );
  });

  it('a valid statement with lines inserted, deleted, duplicated, replaced or spliced', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        readOrRefuse(edits.reduce<string[]>((lines, e) => applyEdit(lines, e), MT940_LINES).join('\r\n'));
      }),
      { numRuns: 2000 },
    );
  });

  it('truncated at every point: read or refused, never a crash', () => {
    const text = MT940_LINES.join('\r\n');
    for (let at = 0; at <= text.length; at += 1) readOrRefuse(text.slice(0, at));
  });

  it('through the format detector too: any statement-looking text gives lines or a typed refusal', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        try {
          readStatementLines(lines.join('\n'));
        } catch (error) {
          expect(error instanceof ReconInputError || error instanceof Iso20022Error, String(error)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('long runs of tags and block wrappers do not blow up (no quadratic regex, no stack overflow)', () => {
    readOrRefuse(`{1:${'x'.repeat(100_000)}`);
    readOrRefuse(`${'{1:a}'.repeat(20_000)}{4:\n:20:X`);
    readOrRefuse(`:20:X\n:25:Y\n${':86:'.repeat(50_000)}`);
    readOrRefuse(`:20:X\n:25:Y\n:60F:C261125CNY1,00\n:61:2611261126C1,00NTRF${'/'.repeat(100_000)}`);
  });
});
