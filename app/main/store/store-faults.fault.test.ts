import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createConsoleBackend, STORE_FILE } from '../backend';
import { createSyncExtension } from '../sync/sync-extension';
import { openDatabase, type Db } from './open-database';
import { storeErrorCode, storeUserError } from './store-errors';
import type { ContractError } from '../../shared/contract';
import { fillDisk, freeDisk } from './test-support/disk-full';
import { captureInput } from '../sync/test-support/capture-input';

/** A capture or verify loop gives up here: the store must be full long before. */
const MAX_TRIES = 2_000;

const capture = captureInput('ICBC', '12.34');

type Result = { ok: true; value: unknown } | { ok: false; error: ContractError };
const idOf = (r: Result) => (r.ok ? (r.value as { payment: { id: string } }).payment.id : undefined);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A console with the outbox's verify hook (no house reachable), a clerk and a supervisor logged in. */
async function openConsole(dataDir?: string) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'hankou-store-fault-'));
  if (dataDir === undefined) dirs.push(dir);
  const logs: string[] = [];
  const backend = await createConsoleBackend({
    dataDir: dir,
    demo: false,
    log: (line) => logs.push(line),
    extensions: [createSyncExtension({ houseUrl: 'http://127.0.0.1:9', token: 'token-HKB-0123456789abcdef', autoStart: false })],
  });
  backend.services.sessions.start('clerk', { username: 'clerk1', displayName: 'Clerk', roles: ['clerk'] });
  backend.services.sessions.start('boss', { username: 'super1', displayName: 'Supervisor', roles: ['supervisor'] });
  const invoke = (key: string, name: string, input: unknown) => backend.invoke(key, name, input) as Promise<Result>;
  return { dir, backend, db: backend.services.db, logs, invoke };
}

/** Everything a capture or a verification writes, counted, so a half-written one shows. */
function counts(db: Db) {
  const n = (sql: string) => Number(db.prepare(sql).pluck().get());
  return {
    payments: n("SELECT count(*) FROM payments WHERE direction = 'out'"),
    drafts: n("SELECT count(*) FROM payments WHERE direction = 'out' AND status = 'draft'"),
    queued: n("SELECT count(*) FROM payments WHERE status = 'queued_offline'"),
    capturedAudits: n("SELECT count(*) FROM audit_log WHERE action = 'payment.captured'"),
    verifiedAudits: n("SELECT count(*) FROM audit_log WHERE action = 'payment.verified'"),
    nextPaymentSeq: n("SELECT value FROM settings WHERE key = 'next_payment_seq'"),
    outbox: n('SELECT count(*) FROM sync_outbox'),
    deviceSeq: n("SELECT coalesce((SELECT value FROM sync_state WHERE key = 'device_seq'), 0)"),
  };
}

const integrity = (db: Db) => db.pragma('integrity_check', { simple: true });

describe('store errors map to clear operator errors', () => {
  it('SQLITE_FULL, SQLITE_READONLY* and SQLITE_IOERR* get their own codes; other errors do not', () => {
    expect(storeErrorCode(new Database.SqliteError('database or disk is full', 'SQLITE_FULL'))).toBe('store.full');
    expect(storeErrorCode(new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY'))).toBe('store.read_only');
    expect(storeErrorCode(new Database.SqliteError('x', 'SQLITE_READONLY_DBMOVED'))).toBe('store.read_only');
    expect(storeErrorCode(new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE'))).toBe('store.io_error');
    expect(storeErrorCode(new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'))).toBeUndefined();
    expect(storeErrorCode(new Error('SQLITE_FULL'))).toBeUndefined();
    const full = storeUserError(new Database.SqliteError('database or disk is full', 'SQLITE_FULL'));
    expect(full?.toContractError()).toMatchObject({ code: 'store.full', message: expect.stringMatching(/local store is full.*Nothing was saved/) });
    expect(full?.messageZh).toMatch(/本地数据库已满/);
  });
});

describe('disk full (SQLITE_FULL through max_page_count)', () => {
  it('a capture that fills the disk is refused with "the local store is full", leaves no trace, and work goes on once space is freed', async () => {
    const c = await openConsole();
    fillDisk(c.db);
    let stored = 0;
    let failure: Result | undefined;
    for (let i = 0; i < MAX_TRIES && failure === undefined; i += 1) {
      const r = await c.invoke('clerk', 'payments.capture', capture);
      if (r.ok) stored += 1;
      else failure = r;
    }
    expect(failure && !failure.ok ? failure.error : undefined).toMatchObject({ code: 'store.full', message: expect.stringContaining('The local store is full') });
    expect(c.logs.some((l) => l.includes('payments.capture') && l.includes('database or disk is full'))).toBe(true);
    // The failed capture rolled back whole: payment, audit line and number together.
    expect(counts(c.db)).toMatchObject({ payments: stored, drafts: stored, capturedAudits: stored, nextPaymentSeq: stored + 1 });
    expect(integrity(c.db)).toBe('ok');

    freeDisk(c.db);
    const after = await c.invoke('clerk', 'payments.capture', capture);
    expect(after.ok).toBe(true);
    expect(idOf(after)).toMatch(new RegExp(`-${String(stored + 1).padStart(8, '0')}$`));
    await c.backend.close();
    // On disk, after a reopen: the same, and sound.
    const db = openDatabase(join(c.dir, STORE_FILE));
    expect(integrity(db)).toBe('ok');
    expect(counts(db)).toMatchObject({ payments: stored + 1, capturedAudits: stored + 1 });
    db.close();
  });

  it('a verification that fills the disk rolls back with its outbox row and device seq: the payment stays a draft, and verifies once space is freed', async () => {
    const c = await openConsole();
    const drafts: string[] = [];
    for (let i = 0; i < 60; i += 1) drafts.push(idOf(await c.invoke('clerk', 'payments.capture', capture))!);
    fillDisk(c.db);
    let verified = 0;
    let failedId: string | undefined;
    let failure: Result | undefined;
    for (const id of drafts) {
      const r = await c.invoke('boss', 'payments.verify', { id });
      if (!r.ok) {
        failure = r;
        failedId = id;
        break;
      }
      verified += 1;
    }
    expect(failure && !failure.ok ? failure.error.code : 'no failure').toBe('store.full');
    // Outbox rows, device seqs, queued payments and audit lines agree: no half verification.
    expect(counts(c.db)).toMatchObject({ outbox: verified, deviceSeq: verified, queued: verified, verifiedAudits: verified, drafts: drafts.length - verified });
    expect(c.db.prepare('SELECT status FROM payments WHERE id = ?').pluck().get(failedId)).toBe('draft');
    expect(c.db.prepare('SELECT count(*) FROM sync_outbox WHERE mutation_id = ?').pluck().get(failedId)).toBe(0);
    expect(integrity(c.db)).toBe('ok');

    freeDisk(c.db);
    expect((await c.invoke('boss', 'payments.verify', { id: failedId })).ok).toBe(true);
    expect(c.db.prepare('SELECT seq FROM sync_outbox WHERE mutation_id = ?').pluck().get(failedId)).toBe(verified + 1);
    expect(counts(c.db)).toMatchObject({ outbox: verified + 1, deviceSeq: verified + 1, queued: verified + 1 });
    await c.backend.close();
  });
});

describe('read-only store (SQLITE_READONLY)', () => {
  it('capture and verify on a store that has become read-only answer "the local store is read-only" and change nothing; writable again, work goes on', async () => {
    const c = await openConsole();
    const draft = idOf(await c.invoke('clerk', 'payments.capture', capture))!;
    const before = counts(c.db);
    // What a disk remounted read-only under a running console does to SQLite's writes.
    c.db.pragma('query_only = ON');
    const captured = await c.invoke('clerk', 'payments.capture', capture);
    const verified = await c.invoke('boss', 'payments.verify', { id: draft });
    for (const r of [captured, verified]) {
      expect(r.ok ? 'ok' : r.error).toMatchObject({ code: 'store.read_only', message: expect.stringContaining('The local store is read-only') });
    }
    // Reads still work: the operator can look at the blotter.
    expect((await c.invoke('clerk', 'payments.page', { startRow: 0, endRow: 10 })).ok).toBe(true);
    expect(counts(c.db)).toEqual(before);
    c.db.pragma('query_only = OFF');
    expect((await c.invoke('boss', 'payments.verify', { id: draft })).ok).toBe(true);
    expect(counts(c.db)).toMatchObject({ queued: 1, outbox: 1 });
    expect(integrity(c.db)).toBe('ok');
    await c.backend.close();
  });

  it('a store file opened read-only refuses writes with SQLITE_READONLY, which maps to store.read_only', async () => {
    const c = await openConsole();
    await c.backend.close();
    const db = openDatabase(join(c.dir, STORE_FILE), { readonly: true });
    let caught: unknown;
    try {
      db.prepare("UPDATE settings SET value = value WHERE key = 'business_date'").run();
    } catch (error) {
      caught = error;
    }
    expect(storeErrorCode(caught)).toBe('store.read_only');
    db.close();
  });
});
