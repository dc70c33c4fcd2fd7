import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import { capturePayment, verifyPayment } from '../payments/payment-commands';
import { findPayment } from '../payments/payment-repository';
import { demoToken, startDemoHouse, type RunningHouse } from '../../../test-support/demo-house';
import { createSyncExtension } from './sync-extension';
import type { SyncLoop } from './sync-loop';
import { outboxAfter } from './outbox';
import { captureInput } from './test-support/capture-input';
import { prepareConsoleStore } from './test-support/console-process';

const capture = captureInput;

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}


/** A fresh console store whose own bank is `selfId` (payment numbers start at 1 in every store: the device id keeps them apart). */
async function consoleStore(selfId: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `hankou-console-${selfId}-`));
  await prepareConsoleStore(dir, selfId);
  return dir;
}

async function openConsole(dir: string, selfId: string, houseUrl: string, fetchImpl?: typeof fetch) {
  let loop: SyncLoop | undefined;
  const backend = await createConsoleBackend({
    dataDir: dir,
    log: () => undefined,
    extensions: [createSyncExtension({ houseUrl, token: demoToken(selfId), idleIntervalMs: 50, onLoop: (l) => (loop = l), ...(fetchImpl ? { fetch: fetchImpl } : {}) })],
  });
  if (!loop) throw new Error('sync loop not started');
  return { backend, db: backend.services.db, loop, hooks: backend.services.verify };
}

const fen = (text: string): bigint => BigInt(text.replace('.', ''));

describe('console <-> house sync', () => {
  let house: RunningHouse;
  const dirs: string[] = [];
  const at = () => new Date().toISOString();
  const houseCount = async (id: string) =>
    Number((await house.store.query<{ n: unknown }>('SELECT count(*) AS n FROM payments WHERE id = $1', [id])).rows[0]?.n);
  const houseBalance = async (id: string) =>
    BigInt((await house.store.query<{ b: string }>('SELECT balance_minor::text AS b FROM participants WHERE id = $1', [id])).rows[0]?.b ?? '-1');

  beforeAll(async () => {
    house = await startDemoHouse();
  }, 120_000);
  afterAll(async () => {
    await house?.close();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('captured offline, restarted before pushing: sent exactly once when the house is reachable', async () => {
    const dir = await consoleStore('HKB');
    dirs.push(dir);
    // Phase 1: nothing listens on this port, so the console is offline.
    const offline = await openConsole(dir, 'HKB', 'http://127.0.0.1:9');
    const p = capturePayment(offline.db, capture('ICBC', '100.00'), { username: 'clerk', at: at() });
    verifyPayment(offline.db, p.id, { username: 'boss', at: at() }, offline.hooks);
    expect(findPayment(offline.db, p.id)?.status).toBe('queued_offline');
    await waitFor('offline', () => offline.loop.connection === 'offline');
    await offline.backend.close();

    const hkb0 = await houseBalance('HKB');
    const online = await openConsole(dir, 'HKB', house.url);
    await waitFor('settled', () => findPayment(online.db, p.id)?.status === 'settled');
    expect(await houseCount(p.id)).toBe(1);
    expect(await houseBalance('HKB')).toBe(hkb0 - 10_000n);
    expect(online.loop.pending()).toBe(0);
    await online.backend.close();
  });

  it('the push reached the house but its answer was lost: after a restart the replay is a duplicate, not a second payment', async () => {
    const dir = await consoleStore('HKB');
    dirs.push(dir);
    let dropNextAnswer = true;
    const lossy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (dropNextAnswer && String(input).includes('/v1/sync/push')) {
        dropNextAnswer = false;
        throw new TypeError('connection reset after the request was sent');
      }
      return response;
    };
    const first = await openConsole(dir, 'HKB', house.url, lossy);
    const p = capturePayment(first.db, capture('CCB', '25.00'), { username: 'clerk', at: at() });
    const hkb0 = await houseBalance('HKB');
    verifyPayment(first.db, p.id, { username: 'boss', at: at() }, first.hooks);
    await waitFor('the house to hold the payment', async () => (await houseCount(p.id)) === 1);
    await first.backend.close(); // restart before the console learnt the answer
    const again = await openConsole(dir, 'HKB', house.url);
    await waitFor('settled', () => findPayment(again.db, p.id)?.status === 'settled');
    expect(await houseCount(p.id)).toBe(1);
    expect(await houseBalance('HKB')).toBe(hkb0 - 2_500n);
    expect(outboxAfter(again.db, 0, 10).map((r) => r.mutation_id)).toEqual([p.id]);
    expect(again.db.prepare('SELECT result FROM sync_outbox WHERE mutation_id = ?').pluck().get(p.id)).toBe('accepted');
    await again.backend.close();
  });

  it('two consoles of different banks pay each other and each sees the other\'s payment as inbound', async () => {
    const dirA = await consoleStore('HKB');
    const dirB = await consoleStore('ICBC');
    dirs.push(dirA, dirB);
    const a = await openConsole(dirA, 'HKB', house.url);
    const b = await openConsole(dirB, 'ICBC', house.url);
    const [hkb0, icbc0] = [await houseBalance('HKB'), await houseBalance('ICBC')];
    const pa = capturePayment(a.db, capture('ICBC', '300.00'), { username: 'clerk', at: at() });
    const pb = capturePayment(b.db, capture('HKB', '120.50'), { username: 'clerk', at: at() });
    verifyPayment(a.db, pa.id, { username: 'boss', at: at() }, a.hooks);
    verifyPayment(b.db, pb.id, { username: 'boss', at: at() }, b.hooks);
    await waitFor('both inbound', () => findPayment(a.db, pb.id)?.status === 'settled' && findPayment(b.db, pa.id)?.status === 'settled');
    expect(findPayment(a.db, pa.id)?.status).toBe('settled');
    expect(findPayment(b.db, pb.id)?.status).toBe('settled');
    expect(findPayment(a.db, pb.id)).toMatchObject({ direction: 'in', from_id: 'ICBC', to_id: 'HKB', amount_minor: 12_050n, maker: 'house' });
    expect(findPayment(b.db, pa.id)).toMatchObject({ direction: 'in', from_id: 'HKB', to_id: 'ICBC', amount_minor: 30_000n });
    expect(await houseBalance('HKB')).toBe(hkb0 - 30_000n + 12_050n);
    expect(await houseBalance('ICBC')).toBe(icbc0 + 30_000n - 12_050n);
    // The console keeps the house's balance for its own bank.
    await waitFor('balance refresh', () => {
      const row = a.db.prepare("SELECT balance_minor FROM participants WHERE id = 'HKB'").safeIntegers().get() as { balance_minor: bigint };
      return row.balance_minor === hkb0 - 30_000n + 12_050n;
    });
    expect(fen('120.50')).toBe(12_050n);

    // BEPS both ways, netted in a cycle the operator closes; each console replays the cycle.
    const na = capturePayment(a.db, { ...capture('ICBC', '40.00'), kind: 'beps' }, { username: 'clerk', at: at() });
    const nb = capturePayment(b.db, { ...capture('HKB', '15.00'), kind: 'beps' }, { username: 'clerk', at: at() });
    verifyPayment(a.db, na.id, { username: 'boss', at: at() }, a.hooks);
    verifyPayment(b.db, nb.id, { username: 'boss', at: at() }, b.hooks);
    await waitFor('netted', () => findPayment(a.db, na.id)?.status === 'netted' && findPayment(b.db, nb.id)?.status === 'netted');
    const close = await fetch(`${house.url}/v1/admin/cycles/close`, { method: 'POST', headers: { authorization: `Bearer ${house.adminToken}` } });
    expect(close.status).toBe(200);
    const cycleOf = (db: typeof a.db) => db.prepare('SELECT net_minor, checked FROM house_cycles').safeIntegers().all() as Array<{ net_minor: bigint; checked: string }>;
    await waitFor('cycle checked', () => cycleOf(a.db).length === 1 && cycleOf(b.db).length === 1);
    // By hand: HKB pays 40.00, receives 15.00 -> -25.00; ICBC the opposite.
    expect(cycleOf(a.db)).toEqual([{ net_minor: -2_500n, checked: 'agrees' }]);
    expect(cycleOf(b.db)).toEqual([{ net_minor: 2_500n, checked: 'agrees' }]);
    // The settled statuses follow the cycle.closed within moments (the house writes a cycle's
    // rows beside its batches, docs/sync.md); the check above agreed with them netted or settled.
    await waitFor('cycle settled', () => findPayment(a.db, nb.id)?.status === 'settled' && findPayment(b.db, na.id)?.status === 'settled');
    expect(findPayment(a.db, na.id)?.status).toBe('settled');
    await a.backend.close();
    await b.backend.close();
  });
});
