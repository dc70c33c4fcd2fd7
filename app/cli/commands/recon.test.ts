import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../command';
import { command } from './recon';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

const fixtures = resolve(process.cwd(), '../shared/fixtures/iso20022');
const HEADER = 'id,date,amount,currency,reference,counterparty,description\n';

describe('hankou recon', () => {
  it('matches CSV books against an MT940 statement and writes the result file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-recon-'));
    const books = join(dir, 'books.csv');
    const statement = join(dir, 'statement.mt940');
    const out = join(dir, 'result.json');
    writeFileSync(books, `${HEADER}B1,2026-11-26,200.00,CNY,E2E-0001,Wuhan Steel,\r\nB2,2026-11-26,-349.50,CNY,PAY-77,Hankou Paper Mill,\r\nB3,2026-11-27,-1.00,CNY,,,\r\n`);
    writeFileSync(
      statement,
      [':20:S1', ':25:420101000012345', ':60F:C261125CNY1000,00', ':61:2611261126C200,00NTRFE2E-0001//HK900001',
        ':61:2611261126D349,50NTRFNONREF//HK900002', ':86:/NAME/HANKOU PAPER MILL', ':62F:C261126CNY850,50', ''].join('\n'),
    );
    const io = capture();
    expect(await command.run(['--books', books, '--statement', statement, '--out', out], io)).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({
      matches: [
        { books: ['B1'], statement: ['HK900001'], rule: 'reference', score: 1 },
        // 0.35 + 0.25 x 1 (same day) + 0.4 x 1 (same name once normalised) = 1, capped at 0.95 for a rule-2 match.
        { books: ['B2'], statement: ['HK900002'], rule: 'amount-date', score: 0.95 },
      ],
      unmatched: { books: ['B3'], statement: [] },
    });
    expect(io.stdout.join('')).toContain('statement: mt940, 2 lines; books: 3 lines');
  });

  it.skipIf(!existsSync(fixtures))('takes the real camt.053 sample as the statement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-recon-'));
    const books = join(dir, 'books.csv');
    const out = join(dir, 'result.json');
    writeFileSync(books, `${HEADER}P1,2022-10-20,-2450.00,GBP,pacs008EndToEndId-001,,\n`);
    const io = capture();
    expect(await command.run(['--books', books, '--statement', join(fixtures, 'CBPR_c.105.1.1_camt.053-BtoA.xml'), '--out', out], io)).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.matches).toEqual([{ books: ['P1'], statement: ['ABKREF-125646', 'ABCREF-125678'], rule: 'reference-group', score: 0.891 }]);
  });

  it('applies a rules file, and refuses a bad one, bad input and misuse with exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-recon-'));
    const books = join(dir, 'books.csv');
    const statement = join(dir, 'statement.csv');
    const rules = join(dir, 'rules.json');
    const out = join(dir, 'out.json');
    writeFileSync(books, `${HEADER}B1,2026-11-26,100.00,CNY,REF-1,,\n`);
    writeFileSync(statement, `${HEADER}S1,2026-11-26,99.80,CNY,REF-1,,\n`);
    // With no fee tolerance the 0.20 difference is an exception.
    writeFileSync(rules, JSON.stringify({ feeTolerance: { absoluteMinor: 0 } }));
    expect(await command.run(['--books', books, '--statement', statement, '--rules', rules, '--out', out], capture())).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).unmatched).toEqual({ books: ['B1'], statement: ['S1'] });
    writeFileSync(rules, JSON.stringify({ feeTolerance: { absolute: 5 } }));
    const bad = capture();
    expect(await command.run(['--books', books, '--statement', statement, '--rules', rules, '--out', out], bad)).toBe(2);
    expect(bad.stderr.join('')).toContain('invalid rules or mapping');
    writeFileSync(statement, `${HEADER}S1,2026-11-26,99.801,CNY,REF-1,,\n`);
    const badRow = capture();
    expect(await command.run(['--books', books, '--statement', statement, '--out', out], badRow)).toBe(2);
    expect(badRow.stderr.join('')).toContain('line 2');
    await expect(command.run(['--books', books], capture())).rejects.toThrow('--statement is required');
    await expect(command.run(['--bogus', 'x'], capture())).rejects.toThrow('unknown option');
  });
});

describe('hankou recon: currencies', () => {
  it('warns and exits 2, writing nothing, when books and statement are in different currencies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-recon-'));
    const books = join(dir, 'books.csv');
    const statement = join(dir, 'statement.csv');
    const out = join(dir, 'out.json');
    writeFileSync(books, `${HEADER}B1,2026-11-26,100.00,CNY,REF-1,,\nB2,2026-11-26,5.00,USD,REF-2,,\n`);
    writeFileSync(statement, `${HEADER}S1,2026-11-26,100.00,GBP,REF-1,,\n`);
    const io = capture();
    expect(await command.run(['--books', books, '--statement', statement, '--out', out], io)).toBe(2);
    expect(io.stderr.join('')).toContain('the books are in CNY, USD but the statement is in GBP');
    expect(existsSync(out)).toBe(false);
    expect(io.stdout).toEqual([]);
  });
});
