import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import type { Db } from '../store/open-database';
import { capturePayment, verifyPayment } from '../payments/payment-commands';
import { demoToken, startDemoHouse, type RunningHouse } from '../../../test-support/demo-house';
import { createSyncExtension } from './sync-extension';
import type { SyncLoop } from './sync-loop';
import { HouseClient } from './house-client';
import { prepareConsoleStore } from './test-support/console-process';
import { captureInput } from './test-support/capture-input';

const HOUR_MS = 3_600_000;
/** The house's business date: not the day any console clock shows. */
const HOUSE_DATE = '2026-03-02';
const PER_PHASE = 8;

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A console clock `offsetMs` away from the house's that an operator (or NTP) can step: it
 * can run backwards, so timestamps written later can be earlier.
 */
function skewedClock(offsetMs: number) {
  const clock = { offsetMs, now: () => new Date(Date.now() + clock.offsetMs) };
  return clock;
}

const capture = captureInput;

describe('clock skew between console and house changes no ordering and no business date', () => {
  let house: RunningHouse;
  const dirs: string[] = [];

  beforeAll(async () => {
    house = await startDemoHouse({ businessDate: HOUSE_DATE });
  }, 120_000);
  afterAll(async () => {
    await house?.close();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  async function openConsole(selfId: string, clock: ReturnType<typeof skewedClock>) {
    const dir = mkdtempSync(join(tmpdir(), `hankou-skew-${selfId}-`));
    dirs.push(dir);
    await prepareConsoleStore(dir, selfId);
    let loop: SyncLoop | undefined;
    const backend = await createConsoleBackend({
      dataDir: dir,
      now: clock.now,
      log: () => undefined,
      extensions: [createSyncExtension({ houseUrl: house.url, token: demoToken(selfId), idleIntervalMs: 50, autoStart: false, onLoop: (l) => (loop = l) })],
    });
    if (!loop) throw new Error('no sync loop');
    const db = backend.services.db;
    const verified: string[] = [];
    const pay = (to: string, amount: string) => {
      const at = clock.now().toISOString();
      const p = capturePayment(db, capture(to, amount), { username: 'clerk', at });
      verifyPayment(db, p.id, { username: 'boss', at }, backend.services.verify);
      verified.push(p.id);
      return p.id;
    };
    return { backend, db, loop, clock, verified, pay, deviceId: `${selfId}-${String(db.prepare("SELECT value FROM settings WHERE key = 'device_id'").pluck().get())}` };
  }

  const outbox = (db: Db) => db.prepare('SELECT seq, mutation_id, result FROM sync_outbox ORDER BY seq').all() as Array<{ seq: number; mutation_id: string; result: string | null }>;
  const houseOrder = async (deviceId: string) =>
    (await house.store.query<{ id: string; device_seq: string; business_date: string }>(
      'SELECT id, device_seq::text AS device_seq, business_date FROM payments WHERE device_id = $1 ORDER BY cmd_seq',
      [deviceId],
    )).rows;

  it('consoles 2 h ahead and 2 h behind, one clock stepped back 4 h mid-run: seq order, house order and cursor stand; no rejection; dates are the house\'s', async () => {
    const ahead = await openConsole('HKB', skewedClock(2 * HOUR_MS));
    const behind = await openConsole('ICBC', skewedClock(-2 * HOUR_MS));

    // Phase 1, before either console has talked to the house: their business dates are their
    // own clocks' (not HOUSE_DATE). HKB's clock is stepped back 4 h half-way, so later
    // verifications carry earlier timestamps.
    expect(ahead.db.prepare("SELECT value FROM settings WHERE key = 'business_date'").pluck().get()).not.toBe(HOUSE_DATE);
    for (let i = 0; i < PER_PHASE; i += 1) {
      if (i === PER_PHASE / 2) ahead.clock.offsetMs = -2 * HOUR_MS;
      ahead.pay('ICBC', `${i + 1}.00`);
      behind.pay('HKB', `${i + 1}.50`);
    }
    const createdAt = ahead.db.prepare("SELECT created_at FROM payments WHERE direction = 'out' ORDER BY seq").pluck().all() as string[];
    expect([...createdAt].sort()).not.toEqual(createdAt); // the timestamps really go backwards

    ahead.loop.start();
    behind.loop.start();
    const allSettled = (c: typeof ahead) => () =>
      c.verified.every((id) => c.db.prepare('SELECT status FROM payments WHERE id = ?').pluck().get(id) === 'settled');
    const dateOf = (c: typeof ahead) => c.db.prepare("SELECT value FROM settings WHERE key = 'business_date'").pluck().get();
    await waitFor('phase 1 settled and the house date learnt', async () => allSettled(ahead)() && allSettled(behind)() && dateOf(ahead) === HOUSE_DATE && dateOf(behind) === HOUSE_DATE);

    // Phase 2, synced: the clocks jump again between payments.
    for (let i = 0; i < PER_PHASE; i += 1) {
      ahead.clock.offsetMs = (i % 2 === 0 ? 2 : -2) * HOUR_MS;
      behind.clock.offsetMs = (i % 2 === 0 ? -2 : 2) * HOUR_MS;
      ahead.pay('ICBC', `${i + 11}.00`);
      behind.pay('HKB', `${i + 11}.50`);
    }
    const inboundSeen = (c: typeof ahead, other: typeof ahead) => () =>
      other.verified.every((id) => c.db.prepare("SELECT status FROM payments WHERE id = ? AND direction = 'in'").pluck().get(id) === 'settled');
    await waitFor('phase 2 settled and seen by the other bank', () => allSettled(ahead)() && allSettled(behind)() && inboundSeen(ahead, behind)() && inboundSeen(behind, ahead)());

    for (const [c, other] of [
      [ahead, behind],
      [behind, ahead],
    ] as const) {
      // Outbox seqs follow the order of verification, whatever the clock said.
      const rows = outbox(c.db);
      expect(rows.map((r) => r.mutation_id)).toEqual(c.verified);
      expect(rows.map((r) => r.seq)).toEqual(c.verified.map((_, i) => i + 1));
      // Not one rejection.
      expect(rows.every((r) => r.result === 'accepted')).toBe(true);
      // The house applied them in device-seq order, each once, on its own business date.
      const atHouse = await houseOrder(c.deviceId);
      expect(atHouse.map((r) => [r.id, Number(r.device_seq)])).toEqual(rows.map((r) => [r.mutation_id, r.seq]));
      expect(new Set(atHouse.map((r) => r.business_date))).toEqual(new Set([HOUSE_DATE]));
      // The console's business date, and that of every payment on its books, is the house's
      // (phase 1's were captured under the console's own date and corrected by the pull).
      expect(c.db.prepare("SELECT value FROM settings WHERE key = 'business_date'").pluck().get()).toBe(HOUSE_DATE);
      expect(c.db.prepare('SELECT DISTINCT business_date FROM payments').pluck().all()).toEqual([HOUSE_DATE]);
      // Phase 2's ids were made on the house's date.
      for (const id of c.verified.slice(PER_PHASE)) expect(id).toContain(HOUSE_DATE.replaceAll('-', ''));
      // Inbound payments were stored in the house's feed order.
      const inbound = c.db.prepare("SELECT id FROM payments WHERE direction = 'in' ORDER BY seq").pluck().all() as string[];
      const feedOrder = (await house.store.query<{ id: string }>('SELECT id FROM payments WHERE to_id = $1 ORDER BY change_seq', [c.deviceId.split('-')[0]])).rows.map((r) => r.id);
      expect(inbound).toEqual(feedOrder);
      expect(inbound).toEqual(other.verified);
      // The cursor is at the end of the feed: a pull from it brings nothing new.
      const cursor = String(c.db.prepare("SELECT value FROM sync_state WHERE key = 'pull_cursor'").pluck().get());
      const page = await new HouseClient(house.url, demoToken(c.deviceId.split('-')[0]!)).pull(cursor, 1000);
      expect('resync' in page ? 'resync' : page.changes.length).toBe(0);
    }
    await ahead.backend.close();
    await behind.backend.close();
  }, 120_000);
});
