import { describe, it, expect } from 'vitest';
import pino from 'pino';
import { openHouseStore } from '../store/open-store';
import type { HouseStore } from '../store/sql-client';
import { HouseMetrics } from '../http/metrics';
import { EngineHost, TransientError, type EngineHostOptions } from './engine-host';
import { sharedEngineFactory } from './clearing-engine-port';
import { createTestDatabase, paymentPayload, postgresAvailable, pushBody } from '../test-support/fixtures';
import type { Mutation } from '../../shared/contract/sync-protocol';

const logger = pino({ level: 'silent' });
const hasPostgres = await postgresAvailable();
const participant = (id: string, balanceMinor: bigint, netDebitCapMinor = 0n) => ({
  command: { type: 'addParticipant' as const, id, balanceMinor, netDebitCapMinor },
  participantRow: { id, name: id, bankCode: '102521000011', tokenSha256: null },
});

/** A store whose next commit fails (a lost connection): the host rebuilds its engine. */
function flaky(inner: HouseStore): HouseStore & { failNextCommit: () => void } {
  let fail = false;
  return {
    ...inner,
    failNextCommit: () => (fail = true),
    transaction: (work) =>
      inner.transaction(async (tx) => {
        const result = await work(tx);
        if (fail) {
          fail = false;
          throw new Error('simulated commit failure');
        }
        return result;
      }),
  };
}

async function expectShadowInStep(host: EngineHost): Promise<void> {
  const shadow = await host.shadowState();
  expect(shadow.state).toEqual(host.view()?.exportState());
}

async function snapshotSeqs(store: HouseStore): Promise<number[]> {
  const { rows } = await store.query<{ cmd_seq: unknown }>('SELECT cmd_seq FROM engine_snapshots ORDER BY cmd_seq');
  return rows.map((r) => Number(r.cmd_seq));
}

/** Drives a day with payments that settle, queue and net, cycle closes, cancels and liquidity commands. */
async function busyDay(host: EngineHost, check: () => Promise<void>): Promise<void> {
  for (const p of [participant('A', 1_000_000n, 500_000n), participant('B', 1_000_000n, 500_000n), participant('C', 10_000n, 5_000n)]) await host.operate(p);
  await check();
  let seq = 0;
  const next = () => (seq += 1);
  // C's big hvps payments queue (RTGS); beps payments net in the open DNS cycle.
  const pays = (device: string, from: string, prefix: string, count: number, amount: string, kind: 'hvps' | 'beps') =>
    host.push(from, pushBody(device, next(), Array.from({ length: count }, (_, i) => paymentPayload(`${prefix}-${i}`, from === 'A' ? 'B' : 'A', amount, kind))));
  seq = 0;
  await Promise.all([
    pays('dev-c', 'C', 'cq', 4, '300.00', 'hvps'),
    host.push('A', pushBody('dev-a', 1, Array.from({ length: 5 }, (_, i) => paymentPayload(`ab-${i}`, 'B', '1.00', 'beps')))),
    host.push('B', pushBody('dev-b', 1, Array.from({ length: 3 }, (_, i) => paymentPayload(`ba-${i}`, 'A', '2.00', 'hvps')))),
  ]);
  expect(host.view()?.queue('C')?.rtgs.length).toBeGreaterThan(1);
  await check();
  // Cancel one queued payment, reprioritise and reorder others, and refuse a cancel of a settled one.
  const c: Mutation[] = [
    { seq: 5, id: 'cq-0', type: 'payment.cancel', payload: { reason: '客户撤回' } },
    { seq: 6, id: 'cq-1', type: 'payment.reprioritise', payload: { priority: 1, reason: '加急' } },
    { seq: 7, id: 'cq-3', type: 'payment.reorder', payload: { to: 'top' } },
    { seq: 8, id: 'x', type: 'liquidity.reserve', payload: { urgent: '10.00' } },
    { seq: 9, id: 'y', type: 'liquidity.warning', payload: { threshold: '50.00' } },
    { seq: 10, id: 'z', type: 'liquidity.limits', payload: { bilateral: { A: '500.00' } } },
  ];
  const [cAnswer] = await Promise.all([
    host.push('C', { protocolVersion: 1, deviceId: 'dev-c', mutations: c }),
    host.push('B', { protocolVersion: 1, deviceId: 'dev-b', mutations: [{ seq: 4, id: 'ba-0', type: 'payment.cancel', payload: { reason: '已结算' } }] }),
  ]);
  expect(cAnswer.status === 200 && cAnswer.body.results.map((r) => r.status)).toEqual(Array.from({ length: 6 }, () => 'accepted'));
  await check();
  await host.operate({ command: { type: 'stop', paymentId: 'cq-2' }, stop: { reason: '调查', actor: 'admin' } });
  await host.operate({ command: { type: 'closeCycle' } });
  await host.operate({ command: { type: 'time', minuteOfDay: 600 }, journalOnlyIfEvents: true });
  await check();
  // Liquidity in lets the queue move; the stopped one stays out until released.
  await host.operate({ command: { type: 'adjust', participantId: 'C', amountMinor: 100_000n } });
  await host.operate({ command: { type: 'release', paymentId: 'cq-2' }, stop: { reason: '调查结束', actor: 'admin' } });
  await Promise.all([
    host.operate({ command: { type: 'offset' } }),
    host.push('A', pushBody('dev-a', 6, Array.from({ length: 4 }, (_, i) => paymentPayload(`ab2-${i}`, 'B', '3.00', 'beps')))),
  ]);
  await host.operate({ command: { type: 'closeCycle' } });
  await check();
}

describe('periodic snapshots from the shadow engine', () => {
  it('the shadow engine stays equal to the writer\'s engine through payments, queues, cancels, cycles and liquidity, and across a rebuild', async () => {
    const store = flaky(await openHouseStore({}));
    const host = new EngineHost({ store, factory: sharedEngineFactory, metrics: new HouseMetrics(), logger, initialBusinessDate: '2026-03-02', snapshotEveryCommands: 7 });
    await host.start();
    await busyDay(host, () => expectShadowInStep(host));
    // A failed commit rebuilds the writer's engine; the shadow is reseeded and stays in step.
    store.failNextCommit();
    await expect(host.push('A', pushBody('dev-f', 1, [paymentPayload('f-1', 'B', '1.00')]))).rejects.toThrow(TransientError);
    await expectShadowInStep(host);
    expect((await host.push('A', pushBody('dev-f', 1, [paymentPayload('f-1', 'B', '1.00')]))).status).toBe(200);
    await expectShadowInStep(host);
    expect((await host.shadowState()).cmdSeq).toBeGreaterThan(20n);
    await host.close();
    expect((await snapshotSeqs(store)).length).toBeGreaterThan(2);
    await store.close();
  }, 60_000);

  it('writes a snapshot only after the batch that reached it committed, and a restarted host recovers from it to the same state', async () => {
    const store = await openHouseStore({});
    const options: EngineHostOptions = { store, factory: sharedEngineFactory, metrics: new HouseMetrics(), logger, initialBusinessDate: '2026-03-02', snapshotEveryCommands: 5 };
    const host = new EngineHost(options);
    await host.start();
    for (const p of [participant('A', 100_000n), participant('B', 0n)]) await host.operate(p);
    const answer = await host.push('A', pushBody('snap', 1, Array.from({ length: 6 }, (_, i) => paymentPayload(`snap-${i}`, 'B', '1.00'))));
    expect(answer.status).toBe(200);
    await host.close(); // waits for the snapshot
    expect(await snapshotSeqs(store)).toEqual([8]); // 2 participants + 6 payments crossed 5 in that batch
    const before = host.view()?.exportState();
    const again = new EngineHost(options);
    await again.start();
    expect(again.view()?.exportState()).toEqual(before);
    await again.close();
    await store.close();
  }, 60_000);

  it.skipIf(!hasPostgres)('on PostgreSQL the shadow thread writes the snapshot rows itself (or hands them back to the host)', async () => {
    const database = await createTestDatabase();
    const store = await openHouseStore({ databaseUrl: database.url });
    try {
      const options: EngineHostOptions = {
        store,
        factory: sharedEngineFactory,
        metrics: new HouseMetrics(),
        logger,
        initialBusinessDate: '2026-03-02',
        snapshotEveryCommands: 7,
        snapshotDatabaseUrl: database.url,
      };
      const host = new EngineHost(options);
      await host.start();
      await busyDay(host, () => expectShadowInStep(host));
      await host.close();
      // One snapshot at a time: those due while the thread was still writing were skipped.
      expect((await snapshotSeqs(store)).length).toBeGreaterThanOrEqual(2);
      const before = host.view()?.exportState();
      // Without the URL (failover's fenced store) the thread hands the JSON back and the host writes it.
      const { snapshotDatabaseUrl: _, ...handedBack } = options;
      const again = new EngineHost(handedBack);
      await again.start();
      expect(again.view()?.exportState()).toEqual(before);
      const written = await snapshotSeqs(store);
      await again.push('A', pushBody('dev-again', 1, Array.from({ length: 8 }, (_, i) => paymentPayload(`again-${i}`, 'B', '1.00'))));
      await again.close();
      const newest = (await snapshotSeqs(store)).at(-1) ?? 0;
      expect(newest).toBeGreaterThan(written.at(-1) ?? 0);
      const third = new EngineHost(options);
      await third.start();
      expect(third.view()?.exportState()).toEqual(again.view()?.exportState());
      await third.close();
    } finally {
      await store.close();
      await database.drop();
    }
  }, 60_000);
});
