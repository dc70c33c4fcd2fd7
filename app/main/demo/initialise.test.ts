import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryStore } from '../store/test-support/test-store';
import { ensureInitialised, initialBusinessDate } from './initialise';
import { parseCredentialLines } from './demo-operators';
import { listOperators } from '../auth/operators';
import { login } from '../auth/login';
import { openDatabase } from '../store/open-database';
import { migrate } from '../store/migrate';
import { selfParticipant, listParticipants } from '../settings/participants';
import { verifyAuditLog } from '../audit/audit-log';
import { bankCodeSchema, WUHAN_CITY_CODE } from '../../shared/domain/bank-code';

describe('first start', () => {
  it('without demo: Wuhan participants, 汉口银行 as ours, one admin whose password is printed once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-init-'));
    const db = memoryStore();
    const lines: string[] = [];
    const now = () => new Date('2026-11-26T02:00:00Z');
    expect(await ensureInitialised(db, { dataDir: dir, now, log: (l) => lines.push(l) })).toBe('fresh');
    expect(listOperators(db).map((o) => [o.username, o.roles])).toEqual([['admin', ['admin']]]);
    const printed = parseCredentialLines(lines);
    expect([...printed.keys()]).toEqual(['admin']);
    expect(printed.get('admin')).toMatch(/^\S{16}$/);
    expect(readdirSync(dir)).toEqual([]);
    expect(selfParticipant(db)).toMatchObject({ id: 'HKB', name: '汉口银行', bankCode: '313521000011' });
    for (const p of listParticipants(db)) {
      expect(bankCodeSchema.safeParse(p.bankCode).success, p.bankCode).toBe(true);
      expect(p.bankCode.slice(3, 7)).toBe(WUHAN_CITY_CODE);
    }
    expect(await ensureInitialised(db, { dataDir: dir, now, log: () => {} })).toBe('existing');
    expect(verifyAuditLog(db).ok).toBe(true);
  });

  it('with demo: the passwords work, are printed once, and are nowhere in the data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-init-demo-'));
    // An earlier version's clear-text file is removed on start.
    writeFileSync(join(dir, 'demo-operators.txt'), 'clerk1\tOldPassword123\tclerk\t张丽\n', { mode: 0o600 });
    const db = openDatabase(join(dir, 'console.sqlite'));
    migrate(db);
    const lines: string[] = [];
    const now = () => new Date('2026-11-26T02:00:00Z');
    expect(await ensureInitialised(db, { dataDir: dir, demo: { payments: 10 }, now, log: (l) => lines.push(l) })).toBe('demo');
    expect(existsSync(join(dir, 'demo-operators.txt'))).toBe(false);
    const passwords = parseCredentialLines(lines);
    expect([...passwords.keys()].sort()).toEqual(['admin', 'audit1', 'clerk1', 'clerk2', 'recon1', 'risk1', 'risk2', 'super1', 'super2']);
    expect((await login(db, 'super1', passwords.get('super1') ?? '', now().toISOString())).username).toBe('super1');
    db.close();
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, name));
      for (const [user, password] of passwords) expect(bytes.includes(Buffer.from(password)), `${user}'s password in ${name}`).toBe(false);
    }
    expect(statSync(join(dir, 'console.sqlite')).mode & 0o777).toBe(0o600);
  });

  it('takes the Beijing date, stepping back over a weekend', () => {
    expect(initialBusinessDate(new Date('2026-11-26T15:59:00Z'))).toBe('2026-11-26'); // 23:59 Thursday in Beijing
    expect(initialBusinessDate(new Date('2026-11-26T16:00:00Z'))).toBe('2026-11-27'); // 00:00 Friday
    expect(initialBusinessDate(new Date('2026-11-28T04:00:00Z'))).toBe('2026-11-27'); // Saturday -> Friday
  });
});
