// The house under load (issue 14): simulated consoles, each pushing its payments and pulling its
// feed like a branch through a business day compressed to seconds, against a house in its own
// process on PostgreSQL. Prints throughput, p50/p99 from push to acknowledgement and from push
// to final status (seen in the console's pull), errors, and the house process's CPU and memory.
// Run: npm run bench load
//   LOAD_CONSOLES=50 LOAD_RATE=5000 (offered payments/s) LOAD_PAYMENTS=100000 (1000000 = the
//   issue's day of 1M, about 200 s at 5,000/s) LOAD_PULL_MS=250
// Open loop: each console's payments arrive at the offered rate whether or not the house keeps
// up; a console sends one push at a time (device seqs go in order) holding everything queued,
// so a slow house shows up as latency, measured from the moment a payment arrived.
import pg from 'pg';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatAmount } from '../app/shared/money/format';

const CONSOLES = Number(process.env.LOAD_CONSOLES ?? 50);
const RATE = Number(process.env.LOAD_RATE ?? 5_000);
const PAYMENTS = Number(process.env.LOAD_PAYMENTS ?? 100_000);
const PULL_MS = Number(process.env.LOAD_PULL_MS ?? 250);
const TICK_MS = 20;
const GOAL_P99_ACK_MS = 50;
const ADMIN_URL = process.env.HANKOU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHILD = fileURLToPath(new URL('../app/house/test-support/house-child.ts', import.meta.url));

const ids = Array.from({ length: CONSOLES }, (_, i) => `L${String(i + 1).padStart(2, '0')}`);
const token = (id: string) => `load-token-${id.toLowerCase()}-0123456789`;
const dbName = `hankou_load_${randomBytes(5).toString('hex')}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(ADMIN_URL);
dbUrl.pathname = `/${dbName}`;

const seed = {
  participants: ids.map((id, i) => ({ id, name: `Load bank ${id}`, bankCode: String(300000000000 + i), balance: '9000000000.00', netDebitCap: '0.00', token: token(id) })),
};
const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify({ databaseUrl: dbUrl.toString(), seed, cycleIntervalMs: 0, offsetIntervalMs: 0 })], { stdio: ['ignore', 'pipe', 'inherit'] });
const houseUrl = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const match = /listening on (\S+)/.exec(out);
    if (match?.[1]) resolve(match[1]);
  });
  child.once('exit', (code) => reject(new Error(`house exited ${code}`)));
});

/** utime + stime of the house process, seconds; its resident memory, MiB. */
const TICKS = 100;
function houseCpuSeconds(): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}
function houseRssMiB(): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  return Math.round(Number(match?.[1] ?? 0) / 1024);
}

interface Console {
  id: string;
  seq: number;
  queue: Array<{ id: string; at: number; body: unknown }>;
  sentAt: Map<string, number>;
  cursor: string;
  busy: boolean;
}
const consoles: Console[] = ids.map((id) => ({ id, seq: 1, queue: [], sentAt: new Map(), cursor: '', busy: false }));
const ackMs: number[] = [];
const finalMs: number[] = [];
let errors = 0;
const errorSamples: string[] = [];
let acked = 0;
let settled = 0;

function note(error: string): void {
  errors += 1;
  if (errorSamples.length < 5) errorSamples.push(error);
}

async function push(c: Console): Promise<void> {
  if (c.busy || c.queue.length === 0) return;
  c.busy = true;
  const batch = c.queue.splice(0, 1000);
  const body = { protocolVersion: 1, deviceId: `load-${c.id}`, mutations: batch.map((p, i) => ({ seq: c.seq + i, id: p.id, type: 'payment.submit', payload: p.body })) };
  try {
    const response = await fetch(`${houseUrl}/v1/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${token(c.id)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const now = performance.now();
    if (response.status !== 200) {
      note(`push ${response.status}: ${(await response.text()).slice(0, 200)}`);
      c.queue.unshift(...batch); // resent as the same seqs
      return;
    }
    const answer = (await response.json()) as { results: Array<{ id: string; status: string }> };
    for (const [i, r] of answer.results.entries()) {
      if (r.status !== 'accepted') note(`result ${r.status} for ${r.id}`);
      ackMs.push(now - batch[i]!.at);
    }
    acked += batch.length;
    c.seq += batch.length;
  } catch (error) {
    note(`push failed: ${(error as Error).message}`);
    c.queue.unshift(...batch);
  } finally {
    c.busy = false;
  }
}

async function pull(c: Console): Promise<void> {
  for (;;) {
    const response = await fetch(`${houseUrl}/v1/sync/pull?cursor=${encodeURIComponent(c.cursor)}&limit=1000`, { headers: { authorization: `Bearer ${token(c.id)}` } });
    if (response.status !== 200) {
      note(`pull ${response.status}`);
      return;
    }
    const answer = (await response.json()) as { cursor: string; hasMore: boolean; changes?: Array<{ type: string; data: { id: string; status: string } }> };
    const now = performance.now();
    for (const change of answer.changes ?? []) {
      if (change.type !== 'payment.status') continue;
      const at = c.sentAt.get(change.data.id);
      if (at !== undefined && (change.data.status === 'settled' || change.data.status === 'rejected')) {
        finalMs.push(now - at);
        c.sentAt.delete(change.data.id);
        settled += 1;
      }
    }
    c.cursor = answer.cursor;
    if (!answer.hasMore) return;
  }
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
};

const result: Record<string, unknown> = { bench: 'load', consoles: CONSOLES, offeredPerSecond: RATE, payments: PAYMENTS, store: 'postgres', houseProcess: 'separate' };
try {
  const cpu0 = houseCpuSeconds();
  let maxRss = houseRssMiB();
  const t0 = performance.now();
  let made = 0;
  const pullTimers = consoles.map((c, i) =>
    setTimeout(function again() {
      void pull(c).catch((e: Error) => note(`pull failed: ${e.message}`)).finally(() => {
        if (!stopPulling) pullTimers[i] = setTimeout(again, PULL_MS);
      });
    }, (PULL_MS * i) / CONSOLES),
  );
  let stopPulling = false;
  // Payments arrive at RATE/s spread over the consoles, round robin, each to another bank.
  while (made < PAYMENTS) {
    const due = Math.min(PAYMENTS, Math.floor(((performance.now() - t0) / 1000) * RATE));
    const now = performance.now();
    for (; made < due; made += 1) {
      const c = consoles[made % CONSOLES]!;
      const to = ids[(made * 7 + 1 + (made % CONSOLES)) % CONSOLES] === c.id ? ids[(made + 1) % CONSOLES]! : ids[(made * 7 + 1 + (made % CONSOLES)) % CONSOLES]!;
      const id = `LOAD-${made}`;
      c.queue.push({ id, at: now, body: { id, kind: 'hvps', priority: 2, to, amount: formatAmount(BigInt(100 + (made % 9_000)), 'CNY'), currency: 'CNY', debtor: { name: '汉口商贸有限公司', account: '6222020000000001' }, creditor: { name: '武昌医药有限公司', account: '6222020000000002' }, purpose: '货款' } });
      c.sentAt.set(id, now);
    }
    for (const c of consoles) void push(c);
    maxRss = Math.max(maxRss, houseRssMiB());
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  const offeredEnd = performance.now();
  // Drain: every payment acknowledged and its final status pulled.
  const deadline = performance.now() + 600_000;
  while ((acked < PAYMENTS || settled < PAYMENTS) && performance.now() < deadline) {
    for (const c of consoles) void push(c);
    maxRss = Math.max(maxRss, houseRssMiB());
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  const elapsedS = (performance.now() - t0) / 1000;
  stopPulling = true;
  pullTimers.forEach((t) => clearTimeout(t));
  const cpu = houseCpuSeconds() - cpu0;
  const metricsText = await (await fetch(`${houseUrl}/metrics`)).text();
  const metric = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metricsText)?.[1] ?? Number.NaN);
  const commits = metric('hankou_store_commit_duration_seconds_count');
  result.houseCommits = { count: commits, meanMs: Math.round((metric('hankou_store_commit_duration_seconds_sum') / commits) * 10_000) / 10, paymentsPerCommit: Math.round(PAYMENTS / commits) };
  const p99Ack = percentile(ackMs, 99);
  Object.assign(result, {
    offeredSeconds: Math.round((offeredEnd - t0) / 100) / 10,
    elapsedSeconds: Math.round(elapsedS * 10) / 10,
    acknowledged: acked,
    finalStatusSeen: settled,
    throughputPerSecond: Math.round(acked / elapsedS),
    pushToAckMs: { p50: percentile(ackMs, 50), p99: p99Ack, max: percentile(ackMs, 100) },
    pushToFinalMs: { p50: percentile(finalMs, 50), p99: percentile(finalMs, 99) },
    errors,
    ...(errorSamples.length ? { errorSamples } : {}),
    house: { cpuSeconds: Math.round(cpu * 10) / 10, cpuCoresBusy: Math.round((cpu / elapsedS) * 100) / 100, maxRssMiB: maxRss },
    goals: { p99PushToAckMs: GOAL_P99_ACK_MS, metP99: p99Ack < GOAL_P99_ACK_MS, noErrors: errors === 0 && acked === PAYMENTS && settled === PAYMENTS },
    note: 'load generator and house share the 2-core machine (and other work on it)',
  });
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
