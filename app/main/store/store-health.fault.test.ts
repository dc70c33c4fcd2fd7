import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createConsoleBackend, type BackendEvent } from '../backend';
import type { AppStatus, ContractError } from '../../shared/contract';
import { StoreHealth } from './store-health';
import { fillDisk, freeDisk } from './test-support/disk-full';
import { captureInput } from '../sync/test-support/capture-input';

/** A capture loop gives up here: the store must be full long before. */
const MAX_TRIES = 2_000;

const capture = captureInput('ICBC', '12.34');

type Result = { ok: true; value: unknown } | { ok: false; error: ContractError };

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('store health', () => {
  it('follows store errors: set by a failed write, cleared by a committed one, listeners hear changes only', () => {
    const health = new StoreHealth();
    const heard: string[] = [];
    health.onChange((s) => heard.push(s));
    health.writeFailed(new Error('something else'));
    health.writeFailed(new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'));
    expect(health.state).toBe('ok');
    health.writeFailed(new Database.SqliteError('database or disk is full', 'SQLITE_FULL'));
    health.writeFailed(new Database.SqliteError('database or disk is full', 'SQLITE_FULL'));
    expect(health.state).toBe('full');
    health.writeFailed(new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY_DBMOVED'));
    health.writeFailed(new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE'));
    health.writeCommitted();
    health.writeCommitted();
    expect(heard).toEqual(['full', 'read_only', 'io_error', 'ok']);
  });

  it('the status event says "full" after a capture fails on a full disk and "ok" once space is freed and a write commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-store-health-'));
    dirs.push(dir);
    const backend = await createConsoleBackend({ dataDir: dir, demo: false, log: () => undefined });
    backend.services.sessions.start('clerk', { username: 'clerk1', displayName: 'Clerk', roles: ['clerk'] });
    const statuses: AppStatus[] = [];
    backend.subscribe((event: BackendEvent) => {
      if (event.name === 'status') statuses.push(event.payload as AppStatus);
    });
    const invoke = (name: string, input: unknown) => backend.invoke('clerk', name, input) as Promise<Result>;
    const { db } = backend.services;

    // Healthy: app.status says so and nothing has been pushed.
    expect(await invoke('app.status', {})).toMatchObject({ ok: true, value: { storeHealth: 'ok' } });
    expect(statuses).toEqual([]);

    fillDisk(db);
    let failed: Result | undefined;
    for (let i = 0; i < MAX_TRIES && failed === undefined; i += 1) {
      const r = await invoke('payments.capture', capture);
      if (!r.ok) failed = r;
    }
    expect(failed).toMatchObject({ ok: false, error: { code: 'store.full' } });
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatchObject({ storeHealth: 'full', connection: 'local' });
    // A read on a full store still works and carries the state for the status bar's poll.
    expect(await invoke('app.status', {})).toMatchObject({ ok: true, value: { storeHealth: 'full' } });
    expect(statuses).toHaveLength(1);

    freeDisk(db);
    expect(await invoke('payments.capture', capture)).toMatchObject({ ok: true });
    expect(statuses).toHaveLength(2);
    expect(statuses[1]).toMatchObject({ storeHealth: 'ok' });
    expect(backend.services.storeHealth.state).toBe('ok');
    await backend.close();
  });
});
