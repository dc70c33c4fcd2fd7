import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleBackend } from '../backend';
import type { Db } from '../store/open-database';
import { demoToken, startDemoHouse, type RunningHouse } from '../../../test-support/demo-house';
import { createSyncExtension } from './sync-extension';
import type { SyncLoop } from './sync-loop';
import { PULL_PAGE } from './sync-loop';
import { prepareConsoleStore } from './test-support/console-process';
import { fillDisk, freeDisk } from '../store/test-support/disk-full';

const SELF = 'HKB';
/** Inbound payments for SELF: several pull pages, so some commit before the disk fills. */
const INBOUND = 2_600;
/** Pages the store may grow by before it is "full": about one and a half pull pages of inbound payments. */
const HEADROOM_PAGES = 260;

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const inboundIds = (db: Db) => db.prepare("SELECT id FROM payments WHERE direction = 'in' AND id LIKE 'full-%' ORDER BY id").pluck().all() as string[];
const cursorOf = (db: Db) => db.prepare("SELECT value FROM sync_state WHERE key = 'pull_cursor'").pluck().get() as string | undefined;

describe('disk full while applying pulled pages', () => {
  let house: RunningHouse;
  const dirs: string[] = [];

  beforeAll(async () => {
    house = await startDemoHouse();
    // ICBC pays SELF INBOUND times, pushed straight to the house.
    for (let first = 1; first <= INBOUND; first += 1000) {
      const mutations = Array.from({ length: Math.min(1000, INBOUND - first + 1) }, (_, i) => {
        const id = `full-${String(first + i).padStart(5, '0')}`;
        const payload = {
          id, kind: 'hvps', priority: 2, to: SELF, amount: '1.00', currency: 'CNY',
          debtor: { name: '武汉钢铁有限公司', account: '6222020000000009' },
          creditor: { name: '汉口商贸有限公司', account: '6222020000000001' },
          purpose: '货款',
        };
        return { seq: first + i, id, type: 'payment.submit', payload };
      });
      const response = await fetch(`${house.url}/v1/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${demoToken('ICBC')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ protocolVersion: 1, deviceId: 'ICBC-fault', mutations }),
      });
      // Read the answer whole: an unread body keeps the connection busy and the house's close waiting.
      const answer = await response.text();
      expect(response.status, answer.slice(0, 500)).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    await house?.close();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('each page commits whole with its cursor or not at all; the log says the store is full; once space is freed the pull completes, each payment once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hankou-pull-full-'));
    dirs.push(dir);
    await prepareConsoleStore(dir, SELF);
    const logs: string[] = [];
    let loop: SyncLoop | undefined;
    const backend = await createConsoleBackend({
      dataDir: dir,
      log: (line) => logs.push(line),
      extensions: [createSyncExtension({ houseUrl: house.url, token: demoToken(SELF), idleIntervalMs: 50, autoStart: false, onLoop: (l) => (loop = l) })],
    });
    const { db } = backend.services;
    const healthSeen: unknown[] = [];
    backend.subscribe((event) => {
      if (event.name === 'status') healthSeen.push((event.payload as { storeHealth?: string }).storeHealth);
    });
    if (!loop) throw new Error('no sync loop');
    fillDisk(db, HEADROOM_PAGES);
    loop.start();
    await waitFor('the store to fill', () => logs.some((l) => l.includes('The local store is full')));
    const line = logs.find((l) => l.includes('The local store is full'))!;
    expect(line).toMatch(/^sync: The local store is full.*database or disk is full/);
    expect(loop.connection).toBe('offline');
    // The status bar is told the store is full (the link being offline alone would hide why).
    expect(backend.services.storeHealth.state).toBe('full');
    expect(healthSeen.at(-1)).toBe('full');

    // What is stored is exactly what the stored cursor covers: no page half applied.
    const cursor = cursorOf(db);
    const held = inboundIds(db);
    const cursorSeq = cursor === undefined || cursor === '' ? 0 : Number(cursor.split('.')[1]);
    const covered = (await house.store.query<{ id: string }>("SELECT id FROM payments WHERE to_id = $1 AND id LIKE 'full-%' AND change_seq <= $2 ORDER BY id", [SELF, cursorSeq])).rows.map((r) => r.id);
    expect(held).toEqual(covered);
    // The disk filled part-way: some pages are in, not all.
    expect(held.length).toBeGreaterThanOrEqual(PULL_PAGE / 2);
    expect(held.length).toBeLessThan(INBOUND);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Space freed: the next round carries on from the cursor.
    freeDisk(db);
    loop.nudge();
    await waitFor('every inbound payment', () => inboundIds(db).length === INBOUND && loop!.connection === 'online');
    const all = inboundIds(db);
    expect(new Set(all).size).toBe(INBOUND);
    expect(all[0]).toBe('full-00001');
    expect(all.at(-1)).toBe(`full-${String(INBOUND).padStart(5, '0')}`);
    expect(db.prepare("SELECT count(*) FROM payments WHERE direction = 'in' AND id LIKE 'full-%' AND status <> 'settled'").pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // A whole round committed: the red notice goes.
    expect(backend.services.storeHealth.state).toBe('ok');
    expect(healthSeen.at(-1)).toBe('ok');
    await backend.close();
  }, 120_000);
});
