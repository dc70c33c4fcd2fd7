import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryStore } from '../store/test-store';
import { ensureInitialised, initialBusinessDate, INITIAL_ADMIN_FILE } from './initialise';
import { listOperators } from '../auth/operators';
import { selfParticipant, listParticipants } from '../settings/participants';
import { verifyAuditLog } from '../audit/audit-log';
import { bankCodeSchema, WUHAN_CITY_CODE } from '../../shared/domain/bank-code';

describe('first start', () => {
  it('without demo: Wuhan participants, 汉口银行 as ours, one admin with a private one-time password file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-init-'));
    const db = memoryStore();
    const lines: string[] = [];
    const now = () => new Date('2026-11-26T02:00:00Z');
    expect(await ensureInitialised(db, { dataDir: dir, now, log: (l) => lines.push(l) })).toBe('fresh');
    expect(listOperators(db).map((o) => [o.username, o.roles])).toEqual([['admin', ['admin']]]);
    expect(statSync(join(dir, INITIAL_ADMIN_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, INITIAL_ADMIN_FILE), 'utf8')).toMatch(/^admin\t\S{16}\tadmin\t/m);
    expect(selfParticipant(db)).toMatchObject({ id: 'HKB', name: '汉口银行', bankCode: '313521000011' });
    for (const p of listParticipants(db)) {
      expect(bankCodeSchema.safeParse(p.bankCode).success, p.bankCode).toBe(true);
      expect(p.bankCode.slice(3, 7)).toBe(WUHAN_CITY_CODE);
    }
    expect(await ensureInitialised(db, { dataDir: dir, now, log: () => {} })).toBe('existing');
    expect(verifyAuditLog(db).ok).toBe(true);
  });

  it('takes the Beijing date, stepping back over a weekend', () => {
    expect(initialBusinessDate(new Date('2026-11-26T15:59:00Z'))).toBe('2026-11-26'); // 23:59 Thursday in Beijing
    expect(initialBusinessDate(new Date('2026-11-26T16:00:00Z'))).toBe('2026-11-27'); // 00:00 Friday
    expect(initialBusinessDate(new Date('2026-11-28T04:00:00Z'))).toBe('2026-11-27'); // Saturday -> Friday
  });
});
