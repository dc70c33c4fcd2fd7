// Payments per second pushed through the house (HTTP, zod, engine, group commit) into
// PostgreSQL and committed, beside (1) a raw multi-row INSERT of the same rows into the same
// database, (2) a raw COPY of them (the floor of what the server needs per row) and (3) a
// naive design: one transaction and one row lock per payment. CPU seconds per 1,000 payments
// (this process: the house alone; the HTTP client, its own process; the server's backends) are printed too: on a shared
// machine they move less than wall time does.
// Run: npm run bench house   (HOUSE_BENCH_PAYMENTS=20000 for a quicker look)
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startHouse } from '../app/house/house';
import { encodeCopyText, type CopyValue } from '../app/house/store/copy-text';
import { copyFromStdin } from '../app/house/store/pg-copy';
import { sampleProcess } from './load/house-process';

const PAYMENTS = Number(process.env.HOUSE_BENCH_PAYMENTS ?? 100_000);
const NAIVE_PAYMENTS = Math.min(PAYMENTS, Number(process.env.HOUSE_BENCH_NAIVE ?? 3_000));
const PUSH_SIZE = 1000;
const DEVICES = 4;
const RAW_CHUNK = 1000;
const TARGET_OF_RAW = 0.3;
const TARGET_OF_NAIVE = 20;
/** Issue 14: end to end on this 2-core machine (house, PostgreSQL and the pushing client share it). */
const GOAL_PAYMENTS_PER_SECOND = 50_000;
const ADMIN_URL = process.env.HANKOU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const tokens = { A: 'bench-token-A-0123456789', B: 'bench-token-B-0123456789' };
const dbName = `hankou_bench_${randomBytes(5).toString('hex')}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();

/** Thrown to skip the baselines (HOUSE_BENCH_ONLY_HOUSE=1). */
class OnlyHouse extends Error {}

const result: Record<string, unknown> = { bench: 'house', payments: PAYMENTS, loadAverageAtStart: loadavg().map((x) => Math.round(x * 10) / 10) };
try {
  // ---- the house ----
  const house = await startHouse({
    databaseUrl,
    logLevel: 'warn',
    cycleIntervalMs: 0,
    offsetIntervalMs: 0,
    seed: {
      participants: [
        { id: 'A', name: 'Bank A', bankCode: '102521000011', balance: '900000000000.00', netDebitCap: '0.00', token: tokens.A },
        { id: 'B', name: 'Bank B', bankCode: '103521000012', balance: '0.00', netDebitCap: '0.00', token: tokens.B },
      ],
    },
  });
  // The HTTP client runs in its own process: this process's CPU over the push window is the
  // house's alone (HTTP, JSON, zod, engine, rows, journal), the client's is reported beside it.
  const client0 = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./house/push-client.ts', import.meta.url))], {
    env: { ...process.env, PUSH_URL: house.url, PUSH_TOKEN: tokens.A, PUSH_PAYMENTS: String(PAYMENTS), PUSH_DEVICES: String(DEVICES), PUSH_SIZE: String(PUSH_SIZE) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const clientLines = createInterface({ input: client0.stdout });
  const nextLine = (): Promise<string> =>
    new Promise((resolve, reject) => {
      clientLines.once('line', resolve);
      client0.once('exit', (code) => reject(new Error(`push client exited with ${code}`)));
    });
  if ((await nextLine()) !== 'ready') throw new Error('push client did not get ready');
  const done = nextLine();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const window0Us = process.hrtime.bigint() / 1000n;
  client0.stdin.write('go\n');
  const clientResult = JSON.parse(await done) as { accepted: number; ms: number; cpuMs: number };
  client0.stdin.end();
  const accepted = clientResult.accepted;
  const houseMs = performance.now() - t0;
  const nodeCpu = process.cpuUsage(cpu0);
  // For `node --cpu-prof`: the push window on the profile's clock (monotonic µs), to cut the profile to it.
  if (process.env.HOUSE_BENCH_WINDOW === '1') process.stderr.write(`push window µs ${window0Us} ${process.hrtime.bigint() / 1000n}\n`);
  // The house's connections to its own database: their CPU is the server's side of the commit path.
  const backends = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [dbName]);
  const serverCpuSeconds = backends.rows.reduce((sum, r) => sum + (sampleProcess(r.pid)?.cpuSeconds ?? 0), 0);
  result.houseCpuMsPer1000 = {
    house: Math.round(((nodeCpu.user + nodeCpu.system) / 1000 / PAYMENTS) * 1000 * 10) / 10,
    client: Math.round((clientResult.cpuMs / PAYMENTS) * 1000 * 10) / 10,
    server: Math.round((serverCpuSeconds * 1000 / PAYMENTS) * 1000 * 10) / 10,
  };
  if (accepted !== PAYMENTS) throw new Error(`only ${accepted} of ${PAYMENTS} accepted`);
  const metricsText = await (await fetch(`${house.url}/metrics`)).text();
  const metric = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metricsText)?.[1] ?? Number.NaN);
  result.houseCommitSeconds = Math.round(metric('hankou_store_commit_duration_seconds_sum') * 100) / 100;
  result.houseBatches = metric('hankou_batches_total\\{result="committed"\\}');
  await house.close();
  result.loadAverageAfterHouse = loadavg().map((x) => Math.round(x * 10) / 10);
  // HOUSE_BENCH_ONLY_HOUSE=1: the house's figures only (profiling, before/after CPU runs).
  if (process.env.HOUSE_BENCH_ONLY_HOUSE === '1') throw new OnlyHouse();

  // ---- raw multi-row INSERT of the same rows into the same database ----
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows: sample } = await client.query('SELECT * FROM payments WHERE id LIKE $1 ORDER BY cmd_seq', ['BENCH-%']);
  if (sample.length !== PAYMENTS) throw new Error(`expected ${PAYMENTS} payment rows, found ${sample.length}`);
  await client.query('CREATE TABLE raw_payments (LIKE payments INCLUDING ALL)');
  const columns = Object.keys(sample[0] as object);
  const t1 = performance.now();
  for (let start = 0; start < sample.length; start += RAW_CHUNK) {
    const chunk = sample.slice(start, start + RAW_CHUNK);
    const params: unknown[] = [];
    const tuples = chunk.map((row: Record<string, unknown>) => {
      const marks = columns.map((c) => {
        params.push(c === 'details' ? JSON.stringify(row[c]) : row[c]);
        return `$${params.length}`;
      });
      return `(${marks.join(',')})`;
    });
    await client.query(`INSERT INTO raw_payments (${columns.join(',')}) VALUES ${tuples.join(',')}`, params);
  }
  const rawMs = performance.now() - t1;

  // ---- raw COPY of the same rows ----
  await client.query('CREATE TABLE copy_payments (LIKE payments INCLUDING ALL)');
  const t3 = performance.now();
  for (let start = 0; start < sample.length; start += RAW_CHUNK) {
    const chunk = sample.slice(start, start + RAW_CHUNK) as Array<Record<string, unknown>>;
    const rows = chunk.map((row) => columns.map((c) => (c === 'details' ? JSON.stringify(row[c]) : (row[c] as CopyValue))));
    await copyFromStdin(client, `COPY copy_payments (${columns.join(',')}) FROM STDIN`, encodeCopyText(rows));
  }
  const copyMs = performance.now() - t3;

  // ---- naive: one transaction and one row lock per payment ----
  await client.query('CREATE TABLE naive_accounts (id text PRIMARY KEY, balance_minor bigint NOT NULL)');
  await client.query("INSERT INTO naive_accounts VALUES ('A', 90000000000000), ('B', 0)");
  await client.query('CREATE TABLE naive_payments (LIKE payments INCLUDING ALL)');
  const t2 = performance.now();
  for (let i = 0; i < NAIVE_PAYMENTS; i += 1) {
    const row = sample[i] as Record<string, unknown>;
    await client.query('BEGIN');
    const { rows } = await client.query('SELECT balance_minor FROM naive_accounts WHERE id = $1 FOR UPDATE', ['A']);
    if (BigInt(String(rows[0]?.balance_minor)) < BigInt(String(row.amount_minor))) throw new Error('naive: insufficient funds');
    await client.query('UPDATE naive_accounts SET balance_minor = balance_minor - $2 WHERE id = $1', ['A', row.amount_minor]);
    await client.query('UPDATE naive_accounts SET balance_minor = balance_minor + $2 WHERE id = $1', ['B', row.amount_minor]);
    await client.query(`INSERT INTO naive_payments (${columns.join(',')}) VALUES (${columns.map((_, k) => `$${k + 1}`).join(',')})`,
      columns.map((c) => (c === 'details' ? JSON.stringify(row[c]) : row[c])));
    await client.query('COMMIT');
  }
  const naiveMs = performance.now() - t2;
  await client.end();

  const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);
  const houseRate = rate(PAYMENTS, houseMs);
  const rawRate = rate(PAYMENTS, rawMs);
  const naiveRate = rate(NAIVE_PAYMENTS, naiveMs);
  const copyRate = rate(PAYMENTS, copyMs);
  Object.assign(result, {
    housePaymentsPerSecond: houseRate,
    houseMs: Math.round(houseMs),
    rawInsertRowsPerSecond: rawRate,
    rawInsertMs: Math.round(rawMs),
    ratioOfRaw: Math.round((houseRate / rawRate) * 1000) / 1000,
    rawCopyRowsPerSecond: copyRate,
    ratioOfRawCopy: Math.round((houseRate / copyRate) * 1000) / 1000,
    targetOfRaw: TARGET_OF_RAW,
    naivePaymentsPerSecond: naiveRate,
    naivePayments: NAIVE_PAYMENTS,
    ratioOfNaive: Math.round((houseRate / naiveRate) * 10) / 10,
    targetOfNaive: TARGET_OF_NAIVE,
    goalPaymentsPerSecond: GOAL_PAYMENTS_PER_SECOND,
    goalMet: houseRate >= GOAL_PAYMENTS_PER_SECOND,
    pushSize: PUSH_SIZE,
    devices: DEVICES,
    note: 'house = HTTP push of JSON, zod, engine, payment rows + balances + device seqs committed in one transaction per batch; raw = the same payment rows, multi-row INSERT of 1000 per statement; raw COPY = the same rows, COPY of 1000 per statement; naive = BEGIN, SELECT FOR UPDATE, 2 UPDATEs, INSERT, COMMIT per payment',
    loadAverageAtEnd: loadavg().map((x) => Math.round(x * 10) / 10),
    pass: houseRate >= rawRate * TARGET_OF_RAW && houseRate >= naiveRate * TARGET_OF_NAIVE,
  });
} catch (error) {
  if (!(error instanceof OnlyHouse)) throw error;
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
process.stdout.write(`${JSON.stringify(result)}\n`);
