/**
 * The periodic engine snapshot's cost on the writer's thread, before and after the shadow
 * engine (docs/house.md "Snapshots"). For each day size (payments already in the engine):
 *  - before: what the batch that crossed a snapshot boundary did on the writer's thread: the
 *    export (blocking) and the JSON (sliced, but the same CPU on the same thread);
 *  - after: the writer's time to post a 5,000-payment batch (twenty ordinary ones, then one that
 *    crosses the boundary) to the shadow engine's thread (packed-commands.ts + postMessage), the
 *    event loop's longest delay while the thread exports, stringifies and writes, and the
 *    thread's own export time (its engine holds the twenty-one batches too: 105,000 more).
 * With `--database-url` the thread writes the row to that server (a scratch database is made
 * and dropped); without, it hands the JSON back and the write is a no-op (PGlite's path minus
 * PGlite). Flags: `--payments 200000,600000`. Prints one JSON object.
 */
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { createEngine, type PayCommand } from '../app/shared/clearing';
import { BatchEffects, type PaymentRow } from '../app/house/engine/batch-effects';
import { ShadowSnapshots } from '../app/house/engine/shadow-snapshots';
import { stringifyWithBigInt } from '../app/house/store/json-bigint';
import { openHouseStore } from '../app/house/store/open-store';
import type { HouseStore } from '../app/house/store/sql-client';

const BANKS = 50;
const BATCH_PAYMENTS = 5_000;
const ORDINARY_BATCHES = 20;
const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
};
const sizes = (arg('payments') ?? '200000,600000').split(',').map(Number);
const databaseUrl = arg('database-url');
const banks = Array.from({ length: BANKS }, (_, i) => `B${String(i).padStart(2, '0')}`);

function payment(i: number): PayCommand {
  return { type: 'pay', id: `p${i}`, kind: i % 3 === 0 ? 'beps' : 'hvps', from: banks[i % BANKS] as string, to: banks[(i * 7 + 1) % BANKS] as string, amountMinor: BigInt(100 + (i % 997)), priority: 2, currency: 'CNY' };
}

function row(command: PayCommand, cmdSeq: bigint): PaymentRow {
  return {
    id: command.id, cmdSeq, deviceId: 'bench', deviceSeq: Number(cmdSeq), submitterId: command.from, counterpartyId: command.to, fromId: command.from, toId: command.to,
    kind: command.kind, priority: 2, amountMinor: command.amountMinor, currency: 'CNY', details: { debtor: { name: 'x', account: '1' }, creditor: { name: 'y', account: '2' }, purpose: 'bench' },
    businessDate: '2026-03-02', receivedAtMs: 0, admission: 'accepted', status: 'received', reason: null, changeSeq: 0, cycleId: null,
  };
}

/** The log lines the shadow writes when a snapshot is stored: exportMs and bytes. */
function capturingLogger(): { logger: pino.Logger; snapshot: () => Promise<{ exportMs: number; bytes: number }> } {
  let waiter: ((line: { exportMs: number; bytes: number }) => void) | undefined;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = JSON.parse(chunk.toString()) as { msg: string; exportMs?: number; bytes?: number };
      if (line.msg.startsWith('engine snapshot') && line.exportMs !== undefined) waiter?.({ exportMs: line.exportMs, bytes: line.bytes ?? 0 });
      else if (line.msg.includes('snapshot') || line.msg.includes('shadow')) process.stderr.write(chunk);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), snapshot: () => new Promise((resolve) => (waiter = resolve)) };
}

/** A store that takes the handed-back JSON and writes nothing (the bench measures the writer's thread, not PGlite). */
const nullStore = { kind: 'pglite', query: async () => ({ rows: [] }), exec: async () => undefined, transaction: async (work: (tx: never) => Promise<unknown>) => work({ query: async () => ({ rows: [] }) } as never), close: async () => undefined } as unknown as HouseStore;

async function scratchDatabase(url: string): Promise<{ url: string; store: HouseStore; drop: () => Promise<void> }> {
  const name = `hankou_snapbench_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const store = await openHouseStore({ databaseUrl: target.toString() });
  return {
    url: target.toString(),
    store,
    async drop() {
      await store.close();
      const again = new pg.Client({ connectionString: url });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

async function measure(payments: number): Promise<Record<string, unknown>> {
  const engine = createEngine({ currency: 'CNY', businessDate: '2026-03-02', participants: banks.map((id) => ({ id, balanceMinor: 10n ** 15n, netDebitCapMinor: 10n ** 14n })) });
  for (let i = 0; i < payments; i += 1) engine.apply(payment(i));
  const loadBefore = loadavg()[0];
  // Before: the export in the batch, then the JSON (sliced between batches, same thread).
  let startMs = performance.now();
  const state = engine.exportState();
  const exportMs = performance.now() - startMs;
  startMs = performance.now();
  const text = stringifyWithBigInt(state);
  const stringifyMs = performance.now() - startMs;
  // After: seed the shadow at `payments` (one export at start), then a batch crossing the boundary.
  const scratch = databaseUrl === undefined ? undefined : await scratchDatabase(databaseUrl);
  const { logger, snapshot } = capturingLogger();
  const shadow = new ShadowSnapshots(scratch?.store ?? nullStore, logger, scratch?.url);
  startMs = performance.now();
  shadow.seed(engine, BigInt(payments));
  const seedMs = performance.now() - startMs;
  await shadow.state(); // the thread has started and restored the state
  const postMs: number[] = [];
  const post = (first: number, due: boolean): void => {
    const batch = new BatchEffects(BigInt(first), 0, '2026-03-02');
    for (let i = first; i < first + BATCH_PAYMENTS; i += 1) {
      const cmdSeq = batch.nextCmdSeq();
      batch.newPayments.set(`p${i}`, row(payment(i), cmdSeq));
    }
    const t = performance.now();
    shadow.committed(batch, BigInt(first), due);
    postMs.push(performance.now() - t);
  };
  // Twenty ordinary batches first: the writer's usual cost per batch, and the thread warmed up.
  for (let k = 0; k < ORDINARY_BATCHES; k += 1) {
    post(payments + k * BATCH_PAYMENTS, false);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await shadow.state();
  const dueFirst = payments + ORDINARY_BATCHES * BATCH_PAYMENTS;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const written = snapshot();
  const dueStartMs = performance.now();
  post(dueFirst, true);
  const shadowSnapshot = await written;
  const untilWrittenMs = performance.now() - dueStartMs;
  delay.disable();
  await shadow.close();
  await scratch?.drop();
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  const ordinary = postMs.slice(0, -1).sort((x, y) => x - y);
  return {
    payments,
    snapshotMB: round(text.length / 1e6),
    before: { writerThreadMs: round(exportMs + stringifyMs), exportMs: round(exportMs), stringifyMs: round(stringifyMs) },
    after: {
      writerPostBatchMs: { median: round(ordinary[ordinary.length >> 1] ?? 0), min: round(ordinary[0] ?? 0), max: round(ordinary.at(-1) ?? 0), boundaryBatch: round(postMs.at(-1) ?? 0) },
      eventLoopMaxDelayMsDuringSnapshot: round(delay.max / 1e6),
      shadowThreadExportAndJsonMs: round(shadowSnapshot.exportMs),
      untilWrittenMs: round(untilWrittenMs),
      writtenBy: scratch ? 'shadow thread (PostgreSQL)' : 'handed back (no-op store)',
      seedAtStartMs: round(seedMs),
    },
    loadavg: [loadBefore, loadavg()[0]],
  };
}

const results = [];
for (const payments of sizes) results.push(await measure(payments));
process.stdout.write(`${JSON.stringify({ bench: 'snapshot', batchPayments: BATCH_PAYMENTS, banks: BANKS, results }, null, 2)}\n`);
