import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { acquireDataDirLock } from './data-dir-lock';

describe('data directory lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hankou-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a directory a live process holds, and lets go on release', () => {
    const lock = acquireDataDirLock(dir);
    // Our own pid counts as "this process" and is re-taken, so pretend a live other owner: pid 1.
    lock.release();
    writeFileSync(join(dir, 'hankou-house.lock'), '1\n');
    expect(() => acquireDataDirLock(dir)).toThrow(/in use by process 1/);
    rmSync(join(dir, 'hankou-house.lock'));
  });

  it("takes over from a killed owner and clears PGlite's stale postmaster.pid", () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, 'hankou-house.lock'), `${dead}\n`);
    writeFileSync(join(dir, 'postmaster.pid'), '-42\n/pglite/data\n');
    const lock = acquireDataDirLock(dir);
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    lock.release();
    expect(existsSync(join(dir, 'hankou-house.lock'))).toBe(false);
  });
});
