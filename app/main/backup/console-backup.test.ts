import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../store/open-database';
import { migrate } from '../store/migrate';
import { appendAudit, verifyAuditLog } from '../audit/audit-log';
import { upsertParticipant } from '../settings/participants';
import { storeHouseLink } from '../settings/house-link';
import { createSecretBox, SecretBoxError } from '../secrets/secret-box';
import { TEST_ARGON2 } from '../secrets/test-support/test-secrets';
import type { BackendServices } from '../backend-services';
import { backupConsoleStore, restoreConsoleStore } from './console-backup';
import { BackupFileError, readBackupHeader, sealBackup } from './backup-file';
import { backupDay, createDailyBackupExtension, dailyBackupFile, dailyBackupIfSealable, listDailyBackups } from './daily-backup';

const PASSPHRASE = 'a long enough console passphrase';
const TOKEN = 'hk-backup-token-0f1e2d3c4b5a6978';
const box = (phrase = PASSPHRASE) => createSecretBox({ passphrase: () => phrase, argon2: TEST_ARGON2 });

let dir: string;
let db: Db;

function addAudit(count: number, from = 0): void {
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) appendAudit(db, { at: `2026-03-02T08:00:${String(i % 60).padStart(2, '0')}Z`, actor: 'clerk1', action: 'payment.captured', entity: 'payment', entityId: `P${from + i}`, detail: { n: from + i } });
  })();
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hk-console-backup-'));
  db = openDatabase(join(dir, 'console.sqlite'));
  migrate(db);
  db.transaction(() => upsertParticipant(db, { id: 'HKB', name: '汉口银行测试客户', bankCode: '313521000011', self: true, balanceMinor: 0n, netDebitCapMinor: 0n }))();
  await storeHouseLink(db, box(), { url: 'https://house.example:8443', token: TOKEN }, 'admin', '2026-03-02T08:00:00Z');
  addAudit(25);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('console backup and restore', () => {
  it('round-trips a live store: sealed (no customer name or token in clear), restored with the same audit head', async () => {
    const file = join(dir, 'out', 'console.hkbak');
    const made = await backupConsoleStore(db, box(), file, () => new Date('2026-03-02T09:00:00Z'));
    // Written after the backup: not in it.
    addAudit(5, 100);
    const expected = verifyAuditLog(db);
    expect(made.auditHead.count).toBe(26); // house_link.stored + 25
    expect(expected.ok && expected.count).toBe(31);
    const bytes = readFileSync(file);
    for (const secret of ['汉口银行测试客户', TOKEN, 'payment.captured']) expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    expect(readBackupHeader(bytes).header.createdAt).toBe('2026-03-02T09:00:00.000Z');

    const target = join(dir, 'restored', 'console.sqlite');
    const header = await restoreConsoleStore(box(), file, target);
    expect(header.auditHead).toEqual(made.auditHead);
    const restored = openDatabase(target, { readonly: true });
    try {
      const check = verifyAuditLog(restored);
      expect(check).toEqual({ ok: true, count: 26, lastHash: made.auditHead.hash });
      expect(restored.prepare("SELECT name FROM participants WHERE id = 'HKB'").pluck().get()).toBe('汉口银行测试客户');
    } finally {
      restored.close();
    }
    // Never over an existing store.
    await expect(restoreConsoleStore(box(), file, target)).rejects.toThrow(/exists: stop the console/);
  });

  it('refuses a wrong passphrase, a changed byte anywhere, and a store whose chain does not end at the recorded head', async () => {
    const file = join(dir, 'b.hkbak');
    await backupConsoleStore(db, box(), file);
    const target = () => join(dir, `r-${Math.random().toString(36).slice(2)}`, 'console.sqlite');
    await expect(restoreConsoleStore(box('another passphrase entirely'), file, target())).rejects.toSatisfy((e) => e instanceof SecretBoxError && e.code === 'wrong_passphrase');
    const original = readFileSync(file);
    const { headLength } = readBackupHeader(original);
    for (const at of [headLength + 10, original.length - 1, original.indexOf(Buffer.from('createdAt')) + 14]) {
      const changed = Buffer.from(original);
      changed[at] = (changed[at] ?? 0) ^ 0x01;
      writeFileSync(file, changed);
      const where = target();
      await expect(restoreConsoleStore(box(), file, where)).rejects.toBeInstanceOf(BackupFileError);
      expect(existsSync(where)).toBe(false);
    }
    writeFileSync(file, original.subarray(0, original.length - 100));
    await expect(restoreConsoleStore(box(), file, target())).rejects.toThrow(/integrity check/);
    // A backup claiming another head than its store holds (say, entries cut off before sealing).
    const copy = join(dir, 'plain.sqlite');
    await db.backup(copy);
    writeFileSync(file, await sealBackup(box(), readFileSync(copy), { createdAt: 'x', auditHead: { count: 99, hash: 'f'.repeat(64) } }));
    await expect(restoreConsoleStore(box(), file, target())).rejects.toThrow(/ends at entry 26, the backup recorded 99/);
  });
});

describe('the daily backup', () => {
  it('makes one backup a (Beijing) day, skips a day already done, and keeps the newest 7', async () => {
    let now = new Date('2026-03-01T15:59:00Z'); // 23:59 in Beijing, 1 March
    expect(backupDay(now)).toBe('2026-03-01');
    expect(backupDay(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    const logs: string[] = [];
    const outcomes: Array<{ made?: string; skipped?: string; error?: Error }> = [];
    let wake: (() => void) | undefined;
    const services = { db, now: () => now, log: (l: string) => logs.push(l) } as unknown as BackendServices;
    const cleanup = createDailyBackupExtension({
      dataDir: dir,
      box: box(),
      checkEveryMs: 20,
      onAttempt: (o) => {
        outcomes.push(o);
        wake?.();
      },
    })(services);
    const next = (predicate: () => boolean) =>
      new Promise<void>((resolve) => {
        if (predicate()) return resolve();
        wake = () => predicate() && resolve();
      });
    await next(() => outcomes.some((o) => o.made));
    expect(outcomes[0]?.made).toBe(dailyBackupFile(dir, '2026-03-01'));
    await next(() => outcomes.some((o) => o.skipped === 'exists'));
    for (let day = 2; day <= 10; day += 1) {
      now = new Date(Date.UTC(2026, 2, day, 2, 0));
      const file = dailyBackupFile(dir, backupDay(now));
      await next(() => outcomes.some((o) => o.made === file));
    }
    if (typeof cleanup === 'function') await cleanup();
    const kept = listDailyBackups(dir);
    expect(kept.map((f) => f.slice(-16, -6))).toEqual(['2026-03-10', '2026-03-09', '2026-03-08', '2026-03-07', '2026-03-06', '2026-03-05', '2026-03-04']);
    expect(outcomes.some((o) => o.error)).toBe(false);
    expect(logs.filter((l) => l.startsWith('backup: ')).length).toBe(10);
    // Each is a restorable backup.
    const header = await restoreConsoleStore(box(), kept[0]!, join(dir, 'from-daily', 'console.sqlite'));
    expect(header.auditHead.count).toBe(26);
  });

  it('is off, and says so, on a host that cannot seal without asking', () => {
    const logs: string[] = [];
    expect(dailyBackupIfSealable(dir, createSecretBox({}), (l) => logs.push(l))).toEqual([]);
    expect(logs[0]).toMatch(/daily backups are OFF/);
    expect(dailyBackupIfSealable(dir, box(), (l) => logs.push(l))).toHaveLength(1);
  });
});
