import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from './audit';
import { openDatabase } from '../../main/store/open-database';
import { migrate } from '../../main/store/migrate';
import { appendAudit } from '../../main/audit/audit-log';
import { UsageError } from '../command';
import { main } from '../main';
import { startHouse } from '../../house/house';
import { openPgliteStore } from '../../house/store/pglite-store';
import { TEST_SEED, call, createTestDatabase, postgresAvailable } from '../../house/test-support/fixtures';

const hasPostgres = await postgresAvailable();

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return command.run(args, { out: (t) => out.push(t), err: (t) => err.push(t) }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

describe('hankou audit verify', () => {
  it('prints OK with the count, then names the first broken entry after tampering and exits 1', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hankou-audit-cli-')), 'console.sqlite');
    const db = openDatabase(path);
    migrate(db);
    db.transaction(() => {
      for (let i = 1; i <= 4; i += 1) appendAudit(db, { at: 't', actor: 'clerk1', action: 'payment.captured', entity: 'payment', entityId: `p${i}`, detail: { amount: `${i}.00` } });
    })();
    const ok = await run(['verify', '--db', path]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^OK 4 entries, head [0-9a-f]{64}$/);

    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run();
    db.close();
    const broken = await run(['verify', '--db', path]);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^BROKEN at entry 2: hash does not match/);
  });

  it('checks a recorded head: a chain cut off the end, or rewritten, fails', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hankou-audit-cli-')), 'console.sqlite');
    const db = openDatabase(path);
    migrate(db);
    const add = (n: number) =>
      db.transaction(() => {
        for (let i = 1; i <= n; i += 1) appendAudit(db, { at: 't', actor: 'clerk1', action: 'payment.captured', entity: 'payment', entityId: `p${i}`, detail: {} });
      })();
    add(3);
    const third = db.prepare('SELECT hash FROM audit_log WHERE seq = 3').pluck().get() as string;
    add(1);
    expect((await run(['verify', '--db', path, '--head', `3:${third}`])).out).toMatch(/^OK 4 entries, head [0-9a-f]{64} \(recorded head 3 holds\)$/);
    expect(await run(['verify', '--db', path, '--head', `3:${'f'.repeat(64)}`])).toMatchObject({ code: 1, out: expect.stringMatching(/^BROKEN at entry 3: .*recorded head/) });
    // Whoever can delete rows can cut the newest ones off; the chain left behind is intact.
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq >= 3').run();
    db.close();
    expect((await run(['verify', '--db', path])).code).toBe(0);
    expect(await run(['verify', '--db', path, '--head', `3:${third}`])).toMatchObject({ code: 1, out: expect.stringMatching(/^TRUNCATED: the chain ends at entry 2/) });
  });

  it('verifies a house PGlite directory and names the first tampered entry', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hankou-audit-house-'));
    const house = await startHouse({ dataDir, seed: TEST_SEED, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02' });
    try {
      expect((await call(`${house.url}/v1/admin/participants/C/net-debit-cap`, house.adminToken, 'PUT', { netDebitCap: '60.00' })).status).toBe(200);
      expect((await call(`${house.url}/v1/admin/participants/A/token`, house.adminToken, 'POST', {})).status).toBe(200);
      // A running house holds the directory: verify refuses rather than open it twice, with a
      // message and exit 2, also through the command line's entry point (no stack trace).
      const busy = await run(['verify', '--house-data', dataDir]);
      expect(busy).toMatchObject({ code: 2, out: '' });
      expect(busy.err).toContain(`the clearing house (process ${process.pid}) is running on ${dataDir} and holds it; nothing was read`);
      expect(busy.err).toContain('GET /v1/admin/audit');
      const err: string[] = [];
      expect(await main(['audit', 'verify', '--house-data', dataDir], { out: () => {}, err: (t) => err.push(t) })).toBe(2);
      expect(err.join('')).not.toMatch(/\bat \S+ \(/);
    } finally {
      await house.close();
    }
    // seed: 3 participant.added, then netDebitCap.set and token.rotated.
    const ok = await run(['verify', '--house-data', dataDir]);
    expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/^OK 5 entries, head [0-9a-f]{64}$/) });
    const head = /head ([0-9a-f]{64})/.exec(ok.out)?.[1] ?? '';
    // Verifying changed nothing: same answer again, recorded head included.
    expect((await run(['verify', '--house-data', dataDir, '--head', `5:${head}`])).code).toBe(0);

    const store = await openPgliteStore(dataDir);
    await store.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await store.query(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 4`);
    await store.close();
    const broken = await run(['verify', '--house-data', dataDir]);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^BROKEN at entry 4: hash does not match the entry's fields \(entry altered: netDebitCap.set participant C\) \(3 entries before it verify\)$/);
  }, 120_000);

  it.skipIf(!hasPostgres)('verifies a house PostgreSQL database beside the running house (skipped when 127.0.0.1:5432 is not reachable)', async () => {
    const db = await createTestDatabase();
    const house = await startHouse({ databaseUrl: db.url, seed: TEST_SEED, logLevel: 'silent', cycleIntervalMs: 0, offsetIntervalMs: 0, businessDate: '2026-03-02' });
    try {
      expect((await call(`${house.url}/v1/admin/cycles/close`, house.adminToken, 'POST', {})).status).toBe(200);
      expect(await run(['verify', '--house-database-url', db.url])).toMatchObject({ code: 0, out: expect.stringMatching(/^OK 4 entries/) });
      await house.store.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await house.store.query('DELETE FROM audit_log WHERE seq = 2');
      expect(await run(['verify', '--house-database-url', db.url])).toMatchObject({ code: 1, out: expect.stringMatching(/^BROKEN at entry 3: seq 3 follows 1/) });
    } finally {
      await house.close();
      await db.drop();
    }
  }, 120_000);

  it('refuses misuse', async () => {
    await expect(run(['verify'])).rejects.toThrow(UsageError);
    await expect(run(['check', '--db', 'x'])).rejects.toThrow(UsageError);
    await expect(run(['verify', '--db', '/no/such/file.sqlite'])).rejects.toThrow(/no such file/);
    await expect(run(['verify', '--db', 'x', '--house-data', 'y'])).rejects.toThrow(/exactly one/);
    await expect(run(['verify', '--house-data', '/no/such/dir'])).rejects.toThrow(/no such directory/);
    await expect(run(['verify', '--house-data', tmpdir()])).rejects.toThrow(/not a house data directory/);
    await expect(run(['verify', '--db', 'x', '--head', '3:abc'])).rejects.toThrow(/SEQ:HASH/);
    await expect(run(['verify', '--db', 'x', '--tail', '3'])).rejects.toThrow(/unknown option --tail/);
  });
});
