import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupConsole, restoreConsole } from './console-backup';
import { UsageError } from './command';
import { STORE_FILE } from '../main/backend';
import { openDatabase } from '../main/store/open-database';
import { migrate } from '../main/store/migrate';
import { appendAudit } from '../main/audit/audit-log';
import { TEST_ARGON2 } from '../main/secrets/test-support/test-secrets';

const env = { HANKOU_PASSPHRASE: 'the console passphrase, long enough' };
const deps = { argon2: TEST_ARGON2 };
let dir: string;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('hankou console backup / restore', () => {
  it('backs up a store and restores it into an empty folder, checking the audit chain', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hk-cli-backup-'));
    const source = join(dir, 'source');
    mkdirSync(source, { recursive: true });
    const store = openDatabase(join(source, STORE_FILE));
    migrate(store);
    store.transaction(() => appendAudit(store, { at: '2026-03-02T08:00:00Z', actor: 'admin', action: 'settings.changed', entity: 'settings', entityId: 'x', detail: {} }))();
    store.close();

    const file = join(dir, 'b.hkbak');
    const backup = capture();
    expect(await backupConsole(['--data', source, '--out', file], backup.io, env, source, deps)).toBe(0);
    expect(backup.out[0]).toMatch(/sealed in .*b\.hkbak: \d+ bytes, audit chain OK 1 entries, head [0-9a-f]{64}/);
    await expect(backupConsole(['--data', source, '--out', file], capture().io, env, source, deps)).rejects.toBeInstanceOf(UsageError);

    const target = join(dir, 'target');
    const restore = capture();
    expect(await restoreConsole(['--from', file, '--data', target], restore.io, env, target, deps)).toBe(0);
    expect(restore.out[0]).toMatch(/audit chain OK 1 entries/);
    expect(existsSync(join(target, STORE_FILE))).toBe(true);
    // Twice: the store now exists, so it is refused with what to do.
    const again = capture();
    expect(await restoreConsole(['--from', file, '--data', target], again.io, env, target, deps)).toBe(1);
    expect(again.err[0]).toMatch(/exists: stop the console and move it aside/);
    // Without a passphrase (and no terminal), a clear refusal.
    const none = capture();
    expect(await restoreConsole(['--from', file, '--data', join(dir, 't2')], none.io, {}, target, deps)).toBe(1);
    expect(none.err[0]).toMatch(/HANKOU_PASSPHRASE/);
  });
});
