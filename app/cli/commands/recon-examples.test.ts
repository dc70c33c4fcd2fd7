import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStatementLines } from '../../shared/recon';
import { command } from './recon';

/**
 * docs/examples/recon: a demo day of the demo bank's CNY settlement account (313521000011),
 * written by scripts/write-recon-examples.ts from a demo store: the books as the console
 * exports them and the house statement as camt.053 and MT940. They must reconcile.
 */
const dir = resolve(__dirname, '../../../docs/examples/recon');
const books = join(dir, 'demo-books.csv');

async function recon(statementFile: string) {
  const out = join(mkdtempSync(join(tmpdir(), 'hankou-recon-examples-')), 'result.json');
  const printed: string[] = [];
  const code = await command.run(['--books', books, '--statement', join(dir, statementFile), '--out', out], { out: (t) => void printed.push(t), err: (t) => void printed.push(t) });
  expect(code, printed.join('\n')).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as { matches: { books: string[]; statement: string[]; rule: string }[]; unmatched: { books: string[]; statement: string[] } };
}

describe('the recon examples of the demo day', () => {
  it.each(['demo-statement.camt053.xml', 'demo-statement.mt940'])('%s reconciles: RTGS by reference, cycles by net, the treasury funding left', async (file) => {
    const result = await recon(file);
    expect(new Set(result.matches.map((m) => m.rule))).toEqual(new Set(['cycle-net', 'reference']));
    expect(result.unmatched).toEqual({ books: [], statement: ['L2026-12-04:HKB'] });
    const csvIds = readFileSync(books, 'utf8').trim().split(/\r?\n/).slice(1).map((row) => row.split(',')[0]);
    expect(result.matches.flatMap((m) => m.books).sort()).toEqual(csvIds.sort());
  });

  it('the camt.053 and the MT940 say the same, :86: reference and counterparty included', () => {
    const camt = readStatementLines(readFileSync(join(dir, 'demo-statement.camt053.xml'), 'utf8'));
    const mt940 = readStatementLines(readFileSync(join(dir, 'demo-statement.mt940'), 'utf8'));
    expect(camt.format).toBe('camt');
    expect(mt940.format).toBe('mt940');
    const shape = (lines: typeof camt.lines) => lines.map((l) => [l.id, l.amountMinor, l.reference, l.counterparty]);
    expect(shape(mt940.lines)).toEqual(shape(camt.lines));
    const rtgs = mt940.lines.find((l) => l.description?.includes('RTGS'));
    expect(rtgs?.reference).toMatch(/^[A-Z]{2,5}-/);
    expect(rtgs?.counterparty).not.toBeNull();
  });
});
