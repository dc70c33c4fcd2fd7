import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STORE_FILE } from '../backend';
import { openDatabase, type Db } from '../store/open-database';
import { demoToken, startDemoHouse, type RunningHouse } from '../../../test-support/demo-house';
import { drainConsole, killConsole, prepareConsoleStore, startConsoleProcess } from './test-support/console-process';
import { seededRandom } from '../../shared/seeded-random';

const SELF = 'HKB';
const AMOUNT_FEN = 100n; // each payment 1.00
/** Fixed seed for the kill points of the streaming case. */
const SEED = 0xc0ffee;

interface OutboxRow {
  seq: number;
  mutation_id: string;
  acked_at: string | null;
  result: string | null;
}

/** The console's store as the kill left it (SQLite recovers its WAL on open). */
function withStore<T>(dir: string, read: (db: Db) => T): T {
  const db = openDatabase(join(dir, STORE_FILE));
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const readOutbox = (db: Db) => db.prepare('SELECT seq, mutation_id, acked_at, result FROM sync_outbox ORDER BY seq').all() as OutboxRow[];
const syncNumber = (db: Db, key: string) => Number(db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(key) ?? 0);
const statusOf = (db: Db, id: string) => db.prepare('SELECT status FROM payments WHERE id = ?').pluck().get(id) as string | undefined;
const deviceOf = (db: Db) => `${SELF}-${String(db.prepare("SELECT value FROM settings WHERE key = 'device_id'").pluck().get())}`;
const verifiedIn = (lines: string[]) => lines.filter((l) => l.startsWith('verified ')).map((l) => l.slice('verified '.length));

describe('console SIGKILLed between capture and push: each payment reaches the house exactly once', () => {
  let house: RunningHouse;
  const dirs: string[] = [];

  const houseRows = async (deviceId: string) =>
    (await house.store.query<{ id: string; device_seq: string }>('SELECT id, device_seq::text AS device_seq FROM payments WHERE device_id = $1 ORDER BY payments.device_seq', [deviceId])).rows;
  const houseCount = async (id: string) => Number((await house.store.query<{ n: unknown }>('SELECT count(*) AS n FROM payments WHERE id = $1', [id])).rows[0]?.n);
  const houseBalance = async (id: string) =>
    BigInt((await house.store.query<{ b: string }>('SELECT balance_minor::text AS b FROM participants WHERE id = $1', [id])).rows[0]?.b ?? '-1');

  /**
   * After the drain: the outbox is empty of pending work and every row carries the house's
   * answer; the house holds exactly the outbox's payments under the same device seqs, each
   * once; every outgoing payment the console verified is settled; the money moved is exactly
   * those payments.
   */
  async function expectExactlyOnce(dir: string, verified: string[], balanceBefore: bigint): Promise<void> {
    const { outbox, device, ackedSeq, deviceSeq, statuses } = withStore(dir, (db) => ({
      outbox: readOutbox(db),
      device: deviceOf(db),
      ackedSeq: syncNumber(db, 'acked_seq'),
      deviceSeq: syncNumber(db, 'device_seq'),
      statuses: new Map(verified.map((id) => [id, statusOf(db, id)])),
    }));
    expect(outbox.map((r) => r.seq)).toEqual(Array.from({ length: outbox.length }, (_, i) => i + 1));
    expect(deviceSeq).toBe(outbox.length);
    expect(ackedSeq).toBe(outbox.length);
    expect(outbox.filter((r) => r.acked_at === null || r.result !== 'accepted')).toEqual([]);
    // Every verification the console reported is in the outbox (durable) and settled.
    const inOutbox = new Set(outbox.map((r) => r.mutation_id));
    expect(verified.filter((id) => !inOutbox.has(id))).toEqual([]);
    expect([...statuses].filter(([, status]) => status !== 'settled')).toEqual([]);
    const atHouse = await houseRows(device);
    expect(atHouse.map((r) => [r.id, Number(r.device_seq)])).toEqual(outbox.map((r) => [r.mutation_id, r.seq]));
    for (const r of outbox) expect(await houseCount(r.mutation_id)).toBe(1);
    expect(await houseBalance(SELF)).toBe(balanceBefore - BigInt(outbox.length) * AMOUNT_FEN);
  }

  beforeAll(async () => {
    house = await startDemoHouse();
  }, 120_000);
  afterAll(async () => {
    await house?.close();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  async function freshStore(): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-console-crash-'));
    dirs.push(dir);
    await prepareConsoleStore(dir, SELF);
    return dir;
  }

  it('killed after capture and verification, before the push left: the restart sends each payment once', async () => {
    const dir = await freshStore();
    const balanceBefore = await houseBalance(SELF);
    const proc = startConsoleProcess({ dataDir: dir, houseUrl: house.url, selfId: SELF, token: demoToken(SELF), mode: 'hold-push', count: 5 });
    await proc.waitForLine(/^all verified$/, 'all verified');
    const verified = verifiedIn(proc.lines);
    await killConsole(proc);
    expect(verified).toHaveLength(5);
    for (const id of verified) expect(await houseCount(id)).toBe(0);
    withStore(dir, (db) => {
      expect(readOutbox(db).map((r) => [r.mutation_id, r.acked_at])).toEqual(verified.map((id) => [id, null]));
      for (const id of verified) expect(statusOf(db, id)).toBe('queued_offline');
    });

    await drainConsole({ dataDir: dir, houseUrl: house.url, selfId: SELF, token: demoToken(SELF) });
    await expectExactlyOnce(dir, verified, balanceBefore);
  }, 90_000);

  it('killed mid-push, after the house applied it and before the console recorded the answer: the resend is a duplicate', async () => {
    const dir = await freshStore();
    const balanceBefore = await houseBalance(SELF);
    const proc = startConsoleProcess({ dataDir: dir, houseUrl: house.url, selfId: SELF, token: demoToken(SELF), mode: 'lose-answer', count: 5 });
    await proc.waitForLine(/^house answered push$/, 'the house answered the push');
    await killConsole(proc);
    const verified = verifiedIn(proc.lines);
    expect(verified).toHaveLength(5);
    // The house has them; the console does not know yet.
    for (const id of verified) expect(await houseCount(id)).toBe(1);
    withStore(dir, (db) => {
      expect(syncNumber(db, 'acked_seq')).toBe(0);
      expect(readOutbox(db).every((r) => r.acked_at === null)).toBe(true);
      for (const id of verified) expect(statusOf(db, id)).toBe('queued_offline');
    });

    await drainConsole({ dataDir: dir, houseUrl: house.url, selfId: SELF, token: demoToken(SELF) });
    await expectExactlyOnce(dir, verified, balanceBefore);
  }, 90_000);

  it(`killed twice at seeded points (seed ${SEED}) while capturing, verifying and syncing: nothing verified is lost or doubled`, async () => {
    const dir = await freshStore();
    const balanceBefore = await houseBalance(SELF);
    const random = seededRandom(SEED);
    const verified: string[] = [];
    for (let round = 0; round < 2; round += 1) {
      const proc = startConsoleProcess({ dataDir: dir, houseUrl: house.url, selfId: SELF, token: demoToken(SELF), mode: 'stream', count: 40 });
      const killAfter = 5 + Math.floor(random() * 30);
      let exited = false;
      void proc.exited.then(() => (exited = true));
      while (!exited && verifiedIn(proc.lines).length < killAfter) await new Promise((r) => setTimeout(r, 2));
      expect(exited, proc.stderr()).toBe(false);
      await new Promise((r) => setTimeout(r, Math.floor(random() * 20)));
      await killConsole(proc);
      verified.push(...verifiedIn(proc.lines));
    }
    // Drafts captured but never verified stay drafts and never travel.
    const drafts = withStore(dir, (db) => db.prepare("SELECT id FROM payments WHERE direction = 'out' AND status = 'draft'").pluck().all() as string[]);
    await drainConsole({ dataDir: dir, houseUrl: house.url, selfId: SELF, token: demoToken(SELF) });
    await expectExactlyOnce(dir, verified, balanceBefore);
    for (const id of drafts) expect(await houseCount(id)).toBe(0);
  }, 120_000);
});
