import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from './demo';
import { openDatabase } from '../../main/store/open-database';
import { parseCredentialLines } from '../../main/demo/demo-operators';

describe('hankou demo', () => {
  it('creates a store with Wuhan participants, operators and N payments, and refuses to run twice', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hankou-demo-cli-')), 'data');
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    expect(await command.run(['--data', dir, '--payments', '300'], io)).toBe(0);
    // Printed once, kept in no file.
    const passwords = parseCredentialLines(out);
    expect(passwords.size).toBe(9);
    expect(existsSync(join(dir, 'demo-operators.txt'))).toBe(false);
    const db = openDatabase(join(dir, 'console.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(300);
    const codes = db.prepare('SELECT bank_code FROM participants').pluck().all() as string[];
    for (const code of codes) expect(code.slice(3, 7)).toBe('5210');
    expect(db.prepare("SELECT name FROM participants WHERE is_self = 1").pluck().get()).toBe('汉口银行');
    db.close();
    expect(await command.run(['--data', dir], io)).toBe(1);
  });
});
