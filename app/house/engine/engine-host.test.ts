import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import pino from 'pino';
import { openHouseStore } from '../store/open-store';
import type { HouseStore } from '../store/sql-client';
import { HouseMetrics } from '../http/metrics';
import { EngineHost, TransientError } from './engine-host';
import { sharedEngineFactory, type EngineFactory } from './clearing-engine-port';
import { paymentPayload, pushBody } from '../test-support/fixtures';
import { readAccount } from '../store/participant-queries';

/** A store whose next commit can be made to fail, as a lost connection or full disk would. */
function flakyStore(inner: HouseStore): HouseStore & { failNextCommit: () => void } {
  let fail = false;
  return {
    ...inner,
    kind: inner.kind,
    query: inner.query,
    exec: inner.exec,
    close: inner.close,
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

describe('engine host group commit', () => {
  let store: ReturnType<typeof flakyStore>;
  let host: EngineHost;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    store = flakyStore(await openHouseStore({}));
    host = new EngineHost({ store, factory: sharedEngineFactory, metrics: new HouseMetrics(), logger, initialBusinessDate: '2026-03-02' });
    await host.start();
    for (const [id, balanceMinor] of [['A', 100_000n], ['B', 0n]] as const) {
      await host.operate({ command: { type: 'addParticipant', id, balanceMinor, netDebitCapMinor: 0n }, participantRow: { id, name: id, bankCode: '102521000011', tokenSha256: null } });
    }
  }, 60_000);
  afterAll(async () => {
    await host.close();
    await store.close();
  });

  it('commits requests that arrive together in one transaction and answers each', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => host.push('A', pushBody(`group-${i}`, 1, [paymentPayload(`group-${i}`, 'B', '1.00')]))),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await readAccount(store, 'A'))?.balanceMinor).toBe(100_000n - 2_000n);
  });

  it('a request that breaks the engine fails alone; the others of its batch are retried and answered', async () => {
    // An engine that throws on one payment id, as a bug would.
    const poisoned: EngineFactory = {
      create: (input) => wrap(sharedEngineFactory.create(input)),
      restore: (snapshot) => wrap(sharedEngineFactory.restore(snapshot)),
    };
    function wrap(engine: ReturnType<EngineFactory['create']>): ReturnType<EngineFactory['create']> {
      return { ...engine, apply: (command) => {
        if (command.type === 'pay' && command.id === 'poison') throw new Error('engine bug');
        return engine.apply(command);
      } };
    }
    const ownStore = await openHouseStore({});
    const poisonHost = new EngineHost({ store: ownStore, factory: poisoned, metrics: new HouseMetrics(), logger, initialBusinessDate: '2026-03-02' });
    await poisonHost.start();
    for (const id of ['A', 'B']) {
      await poisonHost.operate({ command: { type: 'addParticipant', id, balanceMinor: 1_000n, netDebitCapMinor: 0n }, participantRow: { id, name: id, bankCode: '102521000011', tokenSha256: null } });
    }
    const [good, bad, good2] = await Promise.allSettled([
      poisonHost.push('A', pushBody('p-good', 1, [paymentPayload('p-good-1', 'B', '1.00')])),
      poisonHost.push('A', pushBody('p-bad', 1, [paymentPayload('poison', 'B', '1.00')])),
      poisonHost.push('A', pushBody('p-good2', 1, [paymentPayload('p-good-2', 'B', '1.00')])),
    ]);
    expect(good).toMatchObject({ status: 'fulfilled', value: { status: 200, body: { lastSeq: 1, results: [{ status: 'accepted' }] } } });
    expect(good2).toMatchObject({ status: 'fulfilled', value: { status: 200 } });
    expect(bad).toMatchObject({ status: 'rejected', reason: expect.any(TransientError) });
    await poisonHost.close();
    await ownStore.close();
  }, 60_000);

  it('a failed commit answers a transient error and leaves memory where the disk is', async () => {
    store.failNextCommit();
    await expect(host.push('A', pushBody('flaky', 1, [paymentPayload('flaky-1', 'B', '300.00')]))).rejects.toBeInstanceOf(TransientError);
    // Had the engine kept flaky-1, A would now hold 680.00 and this 700.00 payment would queue.
    const retry = await host.push('A', pushBody('flaky', 1, [paymentPayload('flaky-1', 'B', '300.00'), paymentPayload('flaky-2', 'B', '680.00')]));
    expect(retry).toEqual({
      status: 200,
      body: { lastSeq: 2, results: [{ seq: 1, id: 'flaky-1', status: 'accepted' }, { seq: 2, id: 'flaky-2', status: 'accepted' }] },
    });
    expect(host.view()?.payment('flaky-2')?.status).toBe('settled');
    expect((await readAccount(store, 'A'))?.balanceMinor).toBe(0n);
    expect((await readAccount(store, 'B'))?.balanceMinor).toBe(100_000n);
  });

  it('between(): work runs alone in the writer\'s turn, after the batches queued before it and before those after; its failure fails only it', async () => {
    const order: string[] = [];
    let batchOpen = false;
    const inner = store.transaction;
    store.transaction = (work) => {
      batchOpen = true;
      return inner(work).finally(() => (batchOpen = false));
    };
    try {
      const before = host.push('A', pushBody('between-1', 1, [paymentPayload('between-1', 'B', '1.00')])).then(() => order.push('push before'));
      const work = host.between(async () => {
        order.push(`work (batch open: ${batchOpen})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return 42;
      });
      const after = host.push('A', pushBody('between-2', 1, [paymentPayload('between-2', 'B', '1.00')])).then(() => order.push('push after'));
      const failing = host.between(() => Promise.reject(new Error('archive failed')));
      const last = host.push('A', pushBody('between-3', 1, [paymentPayload('between-3', 'B', '1.00')]));
      expect(await work).toBe(42);
      await Promise.all([before, after]);
      await expect(failing).rejects.toThrow('archive failed');
      expect((await last).status).toBe(200);
      expect(order).toEqual(['push before', 'work (batch open: false)', 'push after']);
    } finally {
      store.transaction = inner;
    }
  });
  it('pipelining: a push arriving during a commit is applied at once but answered only after both commits; if the commit before fails, its work is redone on the rebuilt engine', async () => {
    const ownStore = await openHouseStore({});
    // Transactions wait at a gate before COMMIT, so the test decides when each one ends and whether it fails.
    const gates: Array<{ open: (fail: boolean) => void }> = [];
    let started: () => void = () => undefined;
    const gated: HouseStore = {
      ...ownStore,
      kind: ownStore.kind,
      query: ownStore.query,
      exec: ownStore.exec,
      close: ownStore.close,
      transaction: (work) =>
        ownStore.transaction(async (tx) => {
          const result = await work(tx);
          const fail = await new Promise<boolean>((resolve) => {
            gates.push({ open: resolve });
            started();
          });
          if (fail) throw new Error('simulated commit failure');
          return result;
        }),
    };
    const nextCommit = (): Promise<void> => new Promise((resolve) => (started = resolve));
    const pipelined = new EngineHost({ store: gated, factory: sharedEngineFactory, metrics: new HouseMetrics(), logger, initialBusinessDate: '2026-03-02' });
    await pipelined.start();
    for (const [id, balanceMinor] of [['A', 100_000n], ['B', 0n], ['C', 50_000n]] as const) {
      const committed = nextCommit();
      const added = pipelined.operate({ command: { type: 'addParticipant', id, balanceMinor, netDebitCapMinor: 0n }, participantRow: { id, name: id, bankCode: '102521000011', tokenSha256: null } });
      await committed;
      gates.shift()?.open(false);
      await added;
    }

    // Batch 1 (device a1) is committing; meanwhile device c1 pushes and a1 pushes again.
    let firstCommit = nextCommit();
    const answered: string[] = [];
    const first = pipelined.push('A', pushBody('a1', 1, [paymentPayload('a1-1', 'B', '300.00')])).then((o) => (answered.push('a1-1'), o), (e: unknown) => (answered.push('a1-1 failed'), Promise.reject(e)));
    await firstCommit;
    const second = pipelined.push('C', pushBody('c1', 1, [paymentPayload('c1-1', 'B', '200.00')])).then((o) => (answered.push('c1-1'), o));
    const sameDevice = pipelined.push('A', pushBody('a1', 2, [paymentPayload('a1-2', 'B', '100.00')])).then((o) => (answered.push('a1-2'), o));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // c1's payment is already in the engine (applied during the commit); a1's second push waits
    // for its device's batch; nothing is answered before its commit.
    expect(pipelined.view()?.payment('c1-1')?.status).toBe('settled');
    expect(pipelined.view()?.payment('a1-2')).toBeUndefined();
    expect(answered).toEqual([]);

    // Batch 1 fails: its request is refused, c1's work (applied on the engine that is now dropped) is redone.
    firstCommit = nextCommit();
    gates.shift()?.open(true);
    await expect(first).rejects.toBeInstanceOf(TransientError);
    await firstCommit;
    expect(pipelined.view()?.payment('a1-1')).toBeUndefined();
    expect(pipelined.view()?.payment('c1-1')?.status).toBe('settled');
    // The retry holds c1's push and a1's second, which nothing let jump the gap; answers only after COMMIT.
    expect(answered).toEqual(['a1-1 failed']);
    gates.shift()?.open(false);
    expect(await second).toMatchObject({ status: 200, body: { lastSeq: 1, results: [{ seq: 1, id: 'c1-1', status: 'accepted' }] } });
    expect(await sameDevice).toMatchObject({ status: 409, body: { error: 'gap', lastSeq: 0 } });
    expect(answered).toEqual(['a1-1 failed', 'c1-1', 'a1-2']);
    expect((await readAccount(ownStore, 'A'))?.balanceMinor).toBe(100_000n);
    expect((await readAccount(ownStore, 'B'))?.balanceMinor).toBe(20_000n);
    expect((await readAccount(ownStore, 'C'))?.balanceMinor).toBe(30_000n);
    await pipelined.close();
    await ownStore.close();
  }, 60_000);
});
