// The centre's dashboard refresh (GET /v1/centre/dashboard at the house: session check, figures
// from memory, queues and gridlock estimate from the engine, alerts, store size) with 1,000,000
// payments in the day, beside the raw query baseline: the same figures (per-minute arrivals by
// kind over the last hour, the day's counts and settled value, queue depth and value per
// participant) computed by SQL over the payments table, same run, same store (PGlite).
// Run: npm run bench dashboard   (DASHBOARD_PAYMENTS to resize)
import { loadavg } from 'node:os';
import { startHouse } from '../app/house/house';
import { BatchEffects, type PaymentRow } from '../app/house/engine/batch-effects';
import { totpCode } from '../app/house/centre/totp';
import { TEST_SEED, TOKENS, paymentPayload, pushBody } from '../app/house/test-support/fixtures';

const PAYMENTS = Number(process.env.DASHBOARD_PAYMENTS ?? 1_000_000);
const REFRESHES = 30;
const QUEUED = 2_000;
const TARGET_MS = 100;
const KINDS = ['hvps', 'beps', 'bill'] as const;

async function post(url: string, token: string | undefined, body: unknown): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

function stats(samples: number[]): { medianMs: number; p90Ms: number; maxMs: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return { medianMs: at(0.5), p90Ms: at(0.9), maxMs: Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10 };
}

const house = await startHouse({ seed: TEST_SEED, logLevel: 'warn', offsetIntervalMs: 0, cycleIntervalMs: 0, businessDate: '2026-12-07', centre: { timers: false } });
const result: Record<string, unknown> = { bench: 'dashboard', payments: PAYMENTS, store: house.store.kind };
try {
  // A queue for the queue list and the gridlock estimate: C (100.00) sends more than it has.
  for (let i = 0; i < QUEUED; i += 1000) {
    await post(`${house.url}/v1/sync/push`, TOKENS.C, pushBody('bench-c', i + 1, Array.from({ length: 1000 }, (_, k) => paymentPayload(`q-${i + k}`, k % 2 ? 'A' : 'B', '500.00'))));
  }

  // A centre session (bootstrap, password, TOTP), before the long load so no idle socket is reused.
  const password = 'bench password 0001';
  await post(`${house.url}/v1/centre/bootstrap`, house.adminToken, { username: 'bench', name: 'bench', password });
  const login = (await post(`${house.url}/v1/centre/login`, undefined, { username: 'bench', password })) as { challenge: string; enrolment: { secret: string } };
  const { session } = (await post(`${house.url}/v1/centre/login/totp`, undefined, { challenge: login.challenge, code: totpCode(login.enrolment.secret, Date.now()) })) as { session: string };
  await post(`${house.url}/v1/centre/alert-rules`, session, { kind: 'available_below', amount: '1000.00' });
  await post(`${house.url}/v1/centre/alert-rules`, session, { kind: 'queue_age', minutes: 5 });

  // The day's payments: rows in the payments table (for the raw queries) and the same arrivals
  // through the dashboard's running figures, as the engine host's commits would feed them.
  const nowMs = Date.now();
  const dayStartMs = nowMs - 8 * 3_600_000;
  const t0 = performance.now();
  await house.store.query(
    `INSERT INTO payments (id, cmd_seq, device_id, device_seq, submitter_id, counterparty_id, from_id, to_id, kind, priority, amount_minor, currency, details,
                           business_date, received_at_ms, admission, status, reason, change_seq)
     SELECT 'bench-' || g, 10000000 + g, NULL, NULL, CASE WHEN g % 2 = 0 THEN 'A' ELSE 'B' END, CASE WHEN g % 2 = 0 THEN 'B' ELSE 'A' END,
            CASE WHEN g % 2 = 0 THEN 'A' ELSE 'B' END, CASE WHEN g % 2 = 0 THEN 'B' ELSE 'A' END,
            (ARRAY['hvps','beps','bill'])[1 + g % 3], 2, 1000 + g % 100000, 'CNY', '{}'::jsonb, '2026-12-07',
            $1::bigint + (g::bigint * $2::bigint) / $3::bigint, 'accepted', CASE WHEN g % 10 = 0 THEN 'netted' ELSE 'settled' END, NULL, 10000000 + g
       FROM generate_series(1, $3::int) AS g`,
    [dayStartMs, nowMs - dayStartMs, PAYMENTS],
  );
  await house.store.query('ANALYZE payments');
  result.loadSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const t1 = performance.now();
  for (let start = 0; start < PAYMENTS; start += 5000) {
    const batch = new BatchEffects(0n, 0, '2026-12-07');
    for (let g = start + 1; g <= Math.min(PAYMENTS, start + 5000); g += 1) {
      const receivedAtMs = dayStartMs + Math.floor((g * (nowMs - dayStartMs)) / PAYMENTS);
      batch.newPayments.set(`bench-${g}`, { id: `bench-${g}`, kind: KINDS[g % 3], amountMinor: BigInt(1000 + (g % 100000)), receivedAtMs, admission: 'accepted', status: g % 10 === 0 ? 'netted' : 'settled' } as PaymentRow);
    }
    house.centre.monitor.stats.record(batch, '2026-12-07');
  }
  result.feedSeconds = Math.round((performance.now() - t1) / 100) / 10;

  const refresh: number[] = [];
  // The load held the event loop for minutes: start the timed requests on fresh connections.
  await fetch(`${house.url}/healthz`, { headers: { connection: 'close' } }).catch(() => undefined);
  let last: { today: { payments: number }; queues: unknown[] } | undefined;
  for (let i = 0; i < REFRESHES; i += 1) {
    const started = performance.now();
    const response = await fetch(`${house.url}/v1/centre/dashboard`, { headers: { authorization: `Bearer ${session}` } });
    last = (await response.json()) as typeof last;
    refresh.push(performance.now() - started);
  }
  result.dashboardRefresh = stats(refresh.slice(1));
  result.dashboardPayments = last?.today.payments;
  result.queuedPayments = QUEUED;

  // Baseline: the same figures straight from the payments table.
  const raw: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    await house.store.query(
      `SELECT (received_at_ms / 60000) AS minute, kind, count(*) FROM payments
        WHERE business_date = $1 AND received_at_ms >= $2 AND admission = 'accepted' GROUP BY 1, 2`,
      ['2026-12-07', nowMs - 3_600_000],
    );
    await house.store.query(
      `SELECT count(*) FILTER (WHERE admission = 'accepted'), count(*) FILTER (WHERE status = 'settled'), sum(amount_minor) FILTER (WHERE status = 'settled'),
              count(*) FILTER (WHERE status = 'rejected') FROM payments WHERE business_date = $1`,
      ['2026-12-07'],
    );
    await house.store.query(`SELECT from_id, count(*), sum(amount_minor), min(received_at_ms) FROM payments WHERE status IN ('queued', 'received', 'netted') GROUP BY from_id`);
    raw.push(performance.now() - started);
  }
  result.rawQueryBaseline = stats(raw);
  const refreshStats = result.dashboardRefresh as { p90Ms: number };
  result.targetMs = TARGET_MS;
  result.meetsTarget = refreshStats.p90Ms < TARGET_MS;
  result.loadAverage = loadavg().map((l) => Math.round(l * 10) / 10);
} finally {
  await house.close();
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
