// The house under load: 50 simulated consoles (one per branch bank) push payments and pull
// their feeds through a business day compressed to minutes, against a house in its own process
// on 127.0.0.1. Offered load is paced (open loop): payment k is due at k / rate seconds whatever
// the house does, and every latency is timed from the due time or the push, never from when a
// slow house let the generator continue.
// Run: npm run bench load                      (300,000 payments at 5,000/s, PGlite, ~2 min)
//      npm run bench load -- --payments 1000000 (the full day)
//      flags: --rate N --consoles N --hvps-share F --cycle-ms MS --pull-ms MS --push-batch N
//             --database-url postgres://... (a fresh database on that server, dropped after)
//             --max-seconds S (hard stop) --trace-out FILE (keep the house's per-push/batch/second trace)
//             --pipeline 0 (the house's writer one batch at a time, as before pipelining)
//             --house-semi-space-mb N (node --max-semi-space-size for the house)
//             --generator-threads N (worker threads the consoles are spread over; default 1)
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseAmount } from '../app/shared/money/parse';
import { parseLoadFlags } from './load/options';
import { sampleProcess, startHouseChild, type HouseChild } from './load/house-process';
import { traceReport, type ClientPush } from './load/trace-report';
import { GeneratorThreads } from './load/generator-threads';

const GOAL_P99_PUSH_TO_ACK_MS = 50;
const GOAL_RATE = 5_000;
const BALANCE = '10000000000.00';
const NET_DEBIT_CAP = '10000000000.00';
const SAMPLE_EVERY_MS = 1_000;
/** PGlite's first start (WASM, initdb, migrations, 50 participants seeded) takes minutes on a busy machine. */
const HOUSE_START_TIMEOUT_MS = 300_000;

const options = parseLoadFlags(process.argv.slice(2));
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const trafficSeconds = options.payments / options.rate;
const maxSeconds = options.maxSeconds ?? Math.ceil(trafficSeconds * 2 + 180);
const adminToken = `load-admin-${randomBytes(8).toString('hex')}`;
const work = mkdtempSync(join(tmpdir(), 'hankou-load-'));

const ids = Array.from({ length: options.consoles }, (_, i) => `B${String(i + 1).padStart(3, '0')}`);
const tokenOf = (id: string): string => `load-token-${id}-0123456789abcdef`;
const seedPath = join(work, 'seed.json');
writeFileSync(
  seedPath,
  JSON.stringify({
    participants: ids.map((id, i) => ({
      id,
      name: `负载测试银行 ${id}`,
      bankCode: `102521${String(i + 1).padStart(6, '0')}`,
      balance: BALANCE,
      netDebitCap: NET_DEBIT_CAP,
      token: tokenOf(id),
    })),
  }),
);

let databaseName: string | undefined;
let adminDb: pg.Client | undefined;
const storeArgs: string[] = [];
if (options.databaseUrl) {
  adminDb = new pg.Client({ connectionString: options.databaseUrl });
  await adminDb.connect();
  databaseName = `hankou_load_${randomBytes(5).toString('hex')}`;
  await adminDb.query(`CREATE DATABASE ${databaseName}`);
  const url = new URL(options.databaseUrl);
  url.pathname = `/${databaseName}`;
  storeArgs.push('--database-url', url.toString());
} else {
  storeArgs.push('--data', join(work, 'house-data'));
}

const traceFile = join(work, 'house-trace.jsonl');
/** Every push the generator timed, for the breakdown (filled when the threads finish). */
let clientPushes: ClientPush[] = [];
const errors: string[] = [];
const result: Record<string, unknown> = {
  bench: 'load',
  store: options.databaseUrl ? 'postgres' : 'pglite',
  payments: options.payments,
  offeredRatePerSecond: options.rate,
  consoles: options.consoles,
  hvpsShare: options.hvpsShare,
  cycleMs: options.cycleMs,
  pullMs: options.pullMs,
  pushBatch: options.pushBatch,
  pipeline: options.pipeline === 1,
  houseSemiSpaceMb: options.houseSemiSpaceMb ?? null,
  generatorThreads: options.generatorThreads,
  loadAverageAtStart: loadavg().map((x) => Math.round(x * 10) / 10),
};

let house: HouseChild | undefined;
let generator: GeneratorThreads | undefined;
const deadline = setTimeout(() => {
  errors.push(`stopped at the hard limit of ${maxSeconds} s`);
  void finish(1);
}, maxSeconds * 1000);

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  if (!house) throw new Error('no house');
  const response = await fetch(`${house.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

async function totalBalanceMinor(): Promise<bigint> {
  const answer = (await admin('GET', '/v1/admin/participants')) as { participants: Array<{ balance: string; netDebit: string }> };
  return answer.participants.reduce((sum, p) => sum + parseAmount(p.balance, 'CNY'), 0n);
}

let finishing: Promise<void> | undefined;
function finish(code: number): Promise<void> {
  finishing ??= (async () => {
    clearTimeout(deadline);
    if (code !== 0) await generator?.terminate().catch(() => undefined);
    try {
      await house?.stop();
    } catch (error) {
      errors.push(`stopping the house: ${String(error)}`);
    }
    try {
      if (result.pushToAckMs !== undefined) result.breakdown = traceReport(traceFile, clientPushes);
    } catch (error) {
      errors.push(`reading the house's trace: ${String(error)}`);
    }
    if (adminDb && databaseName) {
      await adminDb.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => undefined);
      await adminDb.end().catch(() => undefined);
    }
    if (options.traceOut) {
      try {
        copyFileSync(traceFile, options.traceOut);
      } catch (error) {
        errors.push(`keeping the trace: ${String(error)}`);
      }
    }
    rmSync(work, { recursive: true, force: true });
    result.errors = errors;
    result.pass = code === 0 && errors.length === 0 && result.pass !== false;
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(code === 0 && errors.length === 0 ? 0 : 1);
  })();
  return finishing;
}

try {
  house = await startHouseChild(
    root,
    [...storeArgs, '--seed', seedPath, '--admin-token', adminToken, '--cycle-interval-ms', String(options.cycleMs), '--log-level', 'warn'],
    HOUSE_START_TIMEOUT_MS,
    {
      HANKOU_LOAD_TRACE: traceFile,
      ...(options.pipeline === 0 ? { HANKOU_HOUSE_PIPELINE: '0' } : {}),
      ...(options.houseSemiSpaceMb === undefined ? {} : { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-semi-space-size=${options.houseSemiSpaceMb}`.trim() }),
    },
  );
  const openingMinor = await totalBalanceMinor();
  generator = await GeneratorThreads.start(
    {
      url: house.url,
      ids,
      tokens: ids.map(tokenOf),
      threads: options.generatorThreads,
      pushBatch: options.pushBatch,
      pullMs: options.pullMs,
      payments: options.payments,
      rate: options.rate,
      hvpsShare: options.hvpsShare,
    },
    (error) => {
      errors.push(error.message);
      void finish(1);
    },
  );
  const threads = generator;

  // ---- the day: payment k is due at t0 + k / rate, offered by the threads (consoles-thread.ts) ----
  const houseStart = sampleProcess(house.pid);
  const generatorStart = process.cpuUsage();
  let peakRssBytes = houseStart?.rssBytes ?? 0;
  const cpuSamples: number[] = [];
  let lastSample = houseStart;
  let maxOutbox = 0;
  const sampler = setInterval(() => {
    maxOutbox = Math.max(maxOutbox, threads.outbox);
    if (!house) return;
    const now = sampleProcess(house.pid);
    if (!now) return;
    peakRssBytes = Math.max(peakRssBytes, now.rssBytes);
    if (lastSample) cpuSamples.push((now.cpuSeconds - lastSample.cpuSeconds) / (SAMPLE_EVERY_MS / 1000));
    lastSample = now;
  }, SAMPLE_EVERY_MS);

  const t0 = performance.now() + 100;
  await threads.offer(t0);
  // Every payment handed to its console: wait for the last answers.
  while (threads.answered < options.payments) await new Promise((resolve) => setTimeout(resolve, 5));
  const lastAckMs = performance.now();
  clearInterval(sampler);
  const houseEnd = sampleProcess(house.pid);
  // process.cpuUsage counts every thread of the process: the generator threads and this one.
  const generatorCpu = process.cpuUsage(generatorStart);
  await threads.trafficEnd();

  // ---- end of the day: close the last cycle, pull until every payment is final, close the day ----
  await admin('POST', '/v1/admin/cycles/close');
  const drainStart = performance.now();
  for (;;) {
    const seen = await threads.drain();
    if (seen.waiting === 0 && seen.inboundSettled >= seen.accepted) break;
    if (performance.now() - drainStart > 60_000 + options.cycleMs * 2) {
      errors.push(`${seen.waiting} payments without a final status and ${seen.accepted - seen.inboundSettled} inbound not seen settled after the drain`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const drainMs = performance.now() - drainStart;
  await admin('POST', '/v1/admin/end-of-day', {});
  const closingMinor = await totalBalanceMinor();
  const { recorders, counters, offeredEndMs, eventLoopDelayMs } = await threads.finish();
  clientPushes = recorders.pushes;

  const elapsedS = (lastAckMs - t0) / 1000;
  const houseCpuSeconds = houseStart && houseEnd ? houseEnd.cpuSeconds - houseStart.cpuSeconds : Number.NaN;
  const sortedCpu = [...cpuSamples].sort((a, b) => a - b);
  const pushToAck = recorders.pushToAck.summary();
  const achieved = Math.round(counters.accepted / elapsedS);
  Object.assign(result, {
    acceptedPerSecond: achieved,
    trafficSeconds: Math.round(elapsedS * 10) / 10,
    offeredSeconds: Math.round(((offeredEndMs - t0) / 1000) * 10) / 10,
    pushToAckMs: pushToAck,
    dueToAckMs: recorders.dueToAck.summary(),
    dueToFinalHvpsMs: recorders.finalHvps.summary(),
    dueToFinalBepsMs: recorders.finalBeps.summary(),
    drainAfterLastAckMs: Math.round(drainMs),
    counts: { ...counters, firstError: undefined },
    firstError: counters.firstError ?? null,
    house: {
      cpuSeconds: Math.round(houseCpuSeconds * 10) / 10,
      cpuCoresMean: Math.round((houseCpuSeconds / elapsedS) * 100) / 100,
      cpuCoresP90: Math.round((sortedCpu[Math.floor(sortedCpu.length * 0.9)] ?? Number.NaN) * 100) / 100,
      peakRssMiB: Math.round(peakRssBytes / 1048576),
      endRssMiB: Math.round((houseEnd?.rssBytes ?? 0) / 1048576),
    },
    generator: {
      cpuCoresMean: Math.round(((generatorCpu.user + generatorCpu.system) / 1e6 / elapsedS) * 100) / 100,
      /** The generator's CPU (pushes, pulls, scheduling) per accepted payment: what measuring costs. */
      cpuUsPerPayment: Math.round((generatorCpu.user + generatorCpu.system) / Math.max(1, counters.accepted)),
      maxOutboxPayments: maxOutbox,
      /** The worst thread's (each reads its own answers); the histogram counts the 5 ms sampling interval, so an idle loop reads ~5.1. */
      eventLoopDelayMs,
    },
    loadAverageAtEnd: loadavg().map((x) => Math.round(x * 10) / 10),
    balancesConserved: openingMinor === closingMinor,
    goal: { p99PushToAckMs: GOAL_P99_PUSH_TO_ACK_MS, atOfferedRate: GOAL_RATE },
  });
  if (counters.accepted !== options.payments) errors.push(`${counters.accepted} of ${options.payments} accepted`);
  if (counters.rejected > 0) errors.push(`${counters.rejected} rejected`);
  if (counters.pushErrors > 0 || counters.pullErrors > 0) errors.push(`${counters.pushErrors} failed pushes, ${counters.pullErrors} failed pulls`);
  if (counters.finalSettled !== options.payments) errors.push(`${counters.finalSettled} of ${options.payments} settled`);
  if (counters.inboundSettled !== options.payments) errors.push(`${counters.inboundSettled} of ${options.payments} seen settled by the receiver`);
  if (openingMinor !== closingMinor) errors.push(`balances moved from ${openingMinor} to ${closingMinor}`);
  result.goalMet = options.rate >= GOAL_RATE && (pushToAck.p99 ?? Infinity) < GOAL_P99_PUSH_TO_ACK_MS && achieved >= options.rate * 0.98;
  await finish(0);
} catch (error) {
  errors.push(String(error instanceof Error ? (error.stack ?? error.message) : error));
  await finish(1);
}
