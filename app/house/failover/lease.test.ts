import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable } from '../test-support/fixtures';
import { openMultiHostStore } from './multi-host-store';
import { ensureLeaseTable, fencedStore, FencedError, HouseLease } from './lease';
import type { HouseStore } from '../store/sql-client';

const hasPostgres = await postgresAvailable();
if (!hasPostgres) console.warn('lease tests: PostgreSQL at 127.0.0.1:5432 is not reachable; skipped');

describe.skipIf(!hasPostgres)('the house lease and its fence (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let one: HouseStore;
  let two: HouseStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    one = openMultiHostStore([db.url]);
    two = openMultiHostStore([db.url]);
    await ensureLeaseTable(one);
    await ensureLeaseTable(two);
    await one.exec('CREATE TABLE t (n int)');
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  it('one holder at a time; a takeover after the lease lapsed fences the old holder at its next write and renewal', async () => {
    const a = new HouseLease({ holder: 'a', ttlMs: 400, renewEveryMs: 10_000 });
    const b = new HouseLease({ holder: 'b', ttlMs: 400, pollEveryMs: 50 });
    expect(await a.tryAcquire(one)).toBe(1);
    expect(await b.tryAcquire(two)).toBeUndefined();
    const asA = fencedStore(one, a);
    await asA.transaction((tx) => tx.query('INSERT INTO t VALUES (1)'));
    // a stops renewing (paused, cut off): b waits for the lapse, then takes epoch 2.
    const waited: string[] = [];
    expect(await b.acquire(two, (holder) => waited.push(holder))).toBe(2);
    expect(waited).toEqual(['a']);
    await expect(asA.transaction((tx) => tx.query('INSERT INTO t VALUES (2)'))).rejects.toBeInstanceOf(FencedError);
    await fencedStore(two, b).transaction((tx) => tx.query('INSERT INTO t VALUES (3)'));
    expect((await one.query<{ n: number }>('SELECT n FROM t ORDER BY n')).rows.map((r) => r.n)).toEqual([1, 3]);
    // a's renewal learns it lost the lease; it never gets it back while b renews.
    const lost = await new Promise<string>((resolve) => {
      const again = new HouseLease({ holder: 'a', ttlMs: 400, renewEveryMs: 20 });
      Object.assign(again, { epochHeld: 1 });
      again.startRenewing(one, resolve);
    });
    expect(lost).toMatch(/taken over by another house/);
    a.stop();
    b.stop();
  });

  it('a clean stop releases the lease at once; a fenced holder cannot release the new one', async () => {
    await one.exec("UPDATE house_lease SET holder = '', epoch = 20, expires_at = '-infinity'");
    const a = new HouseLease({ holder: 'a3', ttlMs: 60_000 });
    const b = new HouseLease({ holder: 'b3', ttlMs: 60_000 });
    expect(await a.tryAcquire(one)).toBe(21);
    expect(await b.tryAcquire(two)).toBeUndefined();
    await a.release(one);
    expect(await b.tryAcquire(two)).toBe(22);
    await a.release(one); // not a's any more: nothing changes
    expect((await one.query<{ holder: string }>('SELECT holder FROM house_lease WHERE id = 1 AND expires_at > now()')).rows[0]?.holder).toBe('b3');
    b.stop();
  });

  it('a takeover waits for the old holder\'s write in flight (the row is locked FOR SHARE), which then commits before the new epoch', async () => {
    await one.exec("UPDATE house_lease SET holder = '', epoch = 10, expires_at = '-infinity'");
    const a = new HouseLease({ holder: 'a2', ttlMs: 100 });
    const b = new HouseLease({ holder: 'b2', ttlMs: 100, pollEveryMs: 20 });
    expect(await a.tryAcquire(one)).toBe(11);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const write = fencedStore(one, a).transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (11)');
      await gate;
    });
    await new Promise((r) => setTimeout(r, 200)); // the lease lapses while the write holds the row
    const takeover = b.acquire(two);
    let took = false;
    void takeover.then(() => (took = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(took).toBe(false);
    release();
    await write;
    expect(await takeover).toBe(12);
    expect((await one.query<{ n: number }>('SELECT n FROM t WHERE n = 11')).rows).toHaveLength(1);
    a.stop();
    b.stop();
  });
});
