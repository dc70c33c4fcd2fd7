import { describe, it, expect } from 'vitest';
import { openDatabase } from './open-database';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migration';

describe('migrate', () => {
  it('applies every registered migration once and sets user_version to the highest', () => {
    const db = openDatabase(':memory:');
    const ran = migrate(db);
    expect(ran).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
    expect(db.pragma('user_version', { simple: true })).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    expect(migrate(db)).toEqual([]);
  });

  it('registry file names match versions and names (NNNN-name)', () => {
    for (const m of MIGRATIONS) expect(m.name).toMatch(/^[a-z0-9-]+$/);
    expect(new Set(MIGRATIONS.map((m) => m.version)).size).toBe(MIGRATIONS.length);
  });

  it('a failing migration rolls back alone and leaves earlier ones applied', () => {
    const db = openDatabase(':memory:');
    const good: Migration = { version: 1, name: 'good', up: (d) => d.exec('CREATE TABLE a (x INTEGER) STRICT') };
    const bad: Migration = {
      version: 2,
      name: 'bad',
      up: (d) => {
        d.exec('CREATE TABLE b (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [good, bad])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b')").pluck().all();
    expect(tables).toEqual(['a']);
  });

  it('applies a lower-numbered migration registered after a higher one ran (areas own ranges)', () => {
    const db = openDatabase(':memory:');
    const m12: Migration = { version: 12, name: 'sync', up: (d) => d.exec('CREATE TABLE s (x INTEGER) STRICT') };
    const m7: Migration = { version: 7, name: 'late-core', up: (d) => d.exec('CREATE TABLE c (x INTEGER) STRICT') };
    migrate(db, [m12]);
    expect(migrate(db, [m12, m7])).toEqual([7]);
    expect(db.pragma('user_version', { simple: true })).toBe(12);
  });

  it('refuses two migrations with one version', () => {
    const db = openDatabase(':memory:');
    const a: Migration = { version: 3, name: 'a', up: () => {} };
    expect(() => migrate(db, [a, { ...a, name: 'b' }])).toThrow(/share version 3/);
  });

  it('opens files in WAL with synchronous FULL, foreign keys on, readable by the owner only', async () => {
    const { mkdtempSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const path = join(mkdtempSync(join(tmpdir(), 'hankou-store-')), 'x.sqlite');
    const db = openDatabase(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
