import { describe, it, expect } from 'vitest';
import pino from 'pino';
import { openHouseStore } from '../store/open-store';
import type { HouseStore } from '../store/sql-client';
import { HouseMetrics } from '../http/metrics';
import { EngineHost } from './engine-host';
import { sharedEngineFactory } from './clearing-engine-port';
import type { BatchEffects } from './batch-effects';
import { WRITEBACK_PER_BATCH } from './settlement-writeback';
import { paymentPayload, pushBody } from '../test-support/fixtures';

// A cycle close's per-payment settled rows are written over the batches after it, a bounded
// number each, and the close is answered once they all are (settlement-writeback.ts).
const PAYMENTS = WRITEBACK_PER_BATCH * 2 + 137;
const logger = pino({ level: 'silent' });

async function statusCounts(store: HouseStore): Promise<Record<string, number>> {
  const { rows } = await store.query<{ status: string; n: string }>("SELECT status, count(*)::text AS n FROM payments WHERE kind = 'beps' GROUP BY status");
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

function failingOnce(inner: HouseStore): HouseStore & { failNextCommit: () => void; failures: () => number } {
  let fail = false;
  let failures = 0;
  return {
    ...inner,
    failNextCommit: () => (fail = true),
    failures: () => failures,
    transaction: (work) =>
      inner.transaction(async (tx) => {
        const result = await work(tx);
        if (fail) {
          fail = false;
          failures += 1;
          throw new Error('simulated commit failure');
        }
        return result;
      }),
  };
}

async function openHost(store: HouseStore, onCommitted?: (batch: BatchEffects) => void): Promise<EngineHost> {
  const host = new EngineHost({ store, factory: sharedEngineFactory, metrics: new HouseMetrics(), logger, initialBusinessDate: '2026-03-02', ...(onCommitted ? { onCommitted } : {}) });
  await host.start();
  return host;
}

async function seedNetted(host: EngineHost): Promise<void> {
  for (const [id, balanceMinor] of [['A', 10_000_000n], ['B', 0n]] as const) {
    await host.operate({ command: { type: 'addParticipant', id, balanceMinor, netDebitCapMinor: 10_000_000n }, participantRow: { id, name: id, bankCode: '102521000011', tokenSha256: null } });
  }
  const payloads = Array.from({ length: PAYMENTS }, (_, i) => paymentPayload(`wb-${i}`, 'B', '1.00', 'beps'));
  for (let i = 0; i < payloads.length; i += 500) {
    const answer = await host.push('A', pushBody('wb-device', i + 1, payloads.slice(i, i + 500)));
    expect(answer.status).toBe(200);
  }
}

describe('cycle settlements written after the close', () => {
  it('no batch writes more than the bound, every row ends settled, and the close is answered only then, in feed order', async () => {
    const store = await openHouseStore({});
    const sizes: Array<{ statusUpdates: number; laneRows: number; cycles: number; feed: number; lastFeedSeq: number }> = [];
    const host = await openHost(store, (b) =>
      sizes.push({ statusUpdates: b.statusUpdates.size, laneRows: b.laneRows.length, cycles: b.cycles.length, feed: b.feed.length, lastFeedSeq: Math.max(0, ...b.feed.map((f) => f.seq)) }),
    );
    await seedNetted(host);
    expect(await statusCounts(store)).toEqual({ netted: PAYMENTS });
    sizes.length = 0;
    const events = await host.operate({ command: { type: 'closeCycle' } });
    expect(events.filter((e) => e.type === 'settled')).toHaveLength(PAYMENTS);
    expect(await statusCounts(store)).toEqual({ settled: PAYMENTS });
    expect(host.settlementsPending).toBe(0);
    // The close batch carried the cycle and its feed rows and none of the payments' rows; each
    // batch numbered at most the bound of them for the lane, which wrote them after it.
    expect(sizes[0]).toMatchObject({ cycles: 1, statusUpdates: 0 });
    expect(sizes[0]?.feed).toBeGreaterThan(0);
    expect(sizes[0]?.laneRows).toBeLessThan(WRITEBACK_PER_BATCH);
    expect(Math.max(...sizes.map((s) => s.statusUpdates))).toBe(0);
    expect(Math.max(...sizes.map((s) => s.laneRows))).toBeLessThanOrEqual(WRITEBACK_PER_BATCH);
    expect(sizes.reduce((n, s) => n + s.laneRows, 0)).toBe(PAYMENTS);
    // Each settled row entered the feed at a new seq, after the close's own feed rows.
    const { rows } = await store.query<{ min: string; max: string; n: string }>(
      "SELECT min(change_seq)::text AS min, max(change_seq)::text AS max, count(DISTINCT change_seq)::text AS n FROM payments WHERE status = 'settled'",
    );
    expect(Number(rows[0]?.n)).toBe(PAYMENTS);
    expect(Number(rows[0]?.min)).toBeGreaterThan(sizes[0]?.lastFeedSeq ?? Infinity);
    await host.close();
    await store.close();
  }, 60_000);

  it('a write-back batch that fails to commit is rebuilt from the store and written again: nothing lost, nothing doubled', async () => {
    const inner = await openHouseStore({});
    const store = failingOnce(inner);
    let armed = false;
    const host = await openHost(store, (b) => {
      // The close committed: make the first write-back batch's commit fail.
      if (armed && b.cycles.length > 0) store.failNextCommit();
    });
    await seedNetted(host);
    armed = true;
    await host.operate({ command: { type: 'closeCycle' } });
    expect(store.failures()).toBe(1);
    expect(await statusCounts(inner)).toEqual({ settled: PAYMENTS });
    // A payment goes on normally afterwards.
    const after = await host.push('A', pushBody('wb-device', PAYMENTS + 1, [paymentPayload('wb-after', 'B', '1.00', 'hvps')]));
    expect(after.status).toBe(200);
    await host.close();
    await inner.close();
  }, 60_000);

  it('a house stopped mid write-back writes the rest when it starts again', async () => {
    const store = await openHouseStore({});
    let armed = false;
    let stopping: Promise<void> | undefined;
    // Stopped once the first write-back batch has committed: the rest stays unwritten.
    const first: EngineHost = await openHost(store, (b) => {
      if (armed && b.laneRows.length > 0 && b.cycles.length === 0) stopping ??= first.close();
    });
    await seedNetted(first);
    armed = true;
    await first.operate({ command: { type: 'closeCycle' } });
    await stopping;
    const midway = await statusCounts(store);
    expect(midway.settled).toBeLessThanOrEqual(2 * WRITEBACK_PER_BATCH);
    expect(midway.netted).toBe(PAYMENTS - (midway.settled ?? 0));
    // Every seq the lane was handed stays given out after a restart, written or not.
    const reserved = Number((await store.query<{ value: string }>("SELECT value FROM house_meta WHERE key = 'change_seq_reserved'")).rows[0]?.value);
    expect(reserved).toBeGreaterThan(0);
    const second = await openHost(store);
    expect(second.committedChangeSeq).toBeGreaterThanOrEqual(reserved);
    for (let i = 0; i < 200 && second.settlementsPending > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    await second.close();
    expect(await statusCounts(store)).toEqual({ settled: PAYMENTS });
    await store.close();
  }, 60_000);
});
