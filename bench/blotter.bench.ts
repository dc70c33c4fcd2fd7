// Blotter at 1,000,000 payments: pages at the start, middle and end of two orders and of a
// filtered order, and a filtered count, each beside raw SQLite doing the same rows with
// LIMIT/OFFSET. Run: npm run bench blotter  (BLOTTER_ROWS=200000 for a quicker look).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { openDatabase } from '../app/main/store/open-database';
import { migrate } from '../app/main/store/migrate';
import { withIndexesDeferred } from '../app/main/store/bulk-load';
import { upsertParticipant } from '../app/main/settings/participants';
import { wuhanParticipants } from '../app/main/demo/wuhan-participants';
import { insertDemoPayments } from '../app/main/demo/demo-payments';
import { BlotterCache } from '../app/main/payments/blotter/blotter-cache';
import { countPayments, pagePayments } from '../app/main/payments/blotter/blotter';
import { PAYMENT_COLUMNS } from '../app/main/payments/payment-record';
import type { PaymentFilterModel, PaymentSortModel } from '../app/shared/contract';

const ROWS = Number(process.env.BLOTTER_ROWS ?? 1_000_000);
const PAGE = 100;
const TARGET_MS = 20;
const REPEATS = 11;

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const result = f();
  return [result, performance.now() - t0];
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}
const round = (ms: number) => Math.round(ms * 100) / 100;

const dir = mkdtempSync(join(tmpdir(), 'hankou-blotter-bench-'));
const db = openDatabase(join(dir, 'bench.sqlite'));
migrate(db);
const participants = wuhanParticipants();
for (const p of participants) upsertParticipant(db, p);
const [, buildMs] = timed(() =>
  withIndexesDeferred(db, 'payments', () =>
    insertDemoPayments(db, { count: ROWS, selfId: 'HKB', deviceId: 'D1', participantIds: participants.map((p) => p.id), businessDate: '2026-11-26', now: new Date('2026-11-26T06:00:00Z') }),
  ),
);
db.pragma('optimize');

interface Scenario {
  name: string;
  sortModel: PaymentSortModel;
  filterModel: PaymentFilterModel;
  baselineWhere: string;
  baselineOrder: string;
}
const scenarios: Scenario[] = [
  { name: 'createdAt desc (default)', sortModel: [], filterModel: {}, baselineWhere: '1', baselineOrder: 'created_at DESC, seq DESC' },
  { name: 'amount asc', sortModel: [{ colId: 'amount', sort: 'asc' }], filterModel: {}, baselineWhere: '1', baselineOrder: 'amount_minor ASC, seq ASC' },
  { name: 'status desc (long runs of equal keys)', sortModel: [{ colId: 'status', sort: 'desc' }], filterModel: {}, baselineWhere: '1', baselineOrder: 'status DESC, seq DESC' },
  {
    name: 'status in (settled, rejected), counterpartyName asc',
    sortModel: [{ colId: 'counterpartyName', sort: 'asc' }],
    filterModel: { status: { filterType: 'set', values: ['settled', 'rejected'] } },
    baselineWhere: "status IN ('settled', 'rejected')",
    baselineOrder: 'counterparty_name ASC, seq ASC',
  },
];

const cache = new BlotterCache(db);
const pages: unknown[] = [];
let allUnderTarget = true;
for (const s of scenarios) {
  const baseline = db.prepare(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE ${s.baselineWhere} ORDER BY ${s.baselineOrder} LIMIT ? OFFSET ?`).safeIntegers();
  const total = countPayments(db, cache, s.filterModel);
  for (const [position, startRow] of [['start', 0], ['middle', Math.floor(total / 2)], ['end', total - PAGE]] as const) {
    const input = { startRow, endRow: startRow + PAGE, sortModel: s.sortModel, filterModel: s.filterModel };
    const [first, coldMs] = timed(() => pagePayments(db, cache, input));
    const raw = baseline.all(PAGE, startRow) as { id: string }[];
    const same = JSON.stringify(first.rows.map((r) => r.id)) === JSON.stringify(raw.map((r) => r.id));
    if (!same) throw new Error(`${s.name} ${position}: blotter rows differ from the raw query`);
    // Interleaved, so both see the same cache and the same share of a busy machine.
    const warm: number[] = [];
    const rawTimes: number[] = [];
    for (let i = 0; i < REPEATS; i += 1) {
      warm.push(timed(() => pagePayments(db, cache, input))[1]);
      rawTimes.push(timed(() => baseline.all(PAGE, startRow))[1]);
    }
    const warmMs = median(warm);
    const rawMs = median(rawTimes);
    allUnderTarget &&= warmMs < TARGET_MS;
    pages.push({
      order: s.name,
      position,
      startRow,
      firstCallMs: round(coldMs),
      pageMs: round(warmMs),
      pageMinMs: round(Math.min(...warm)),
      baselineOffsetMs: round(rawMs),
      baselineMinMs: round(Math.min(...rawTimes)),
      ratioToBaseline: round(warmMs / rawMs),
      targetMs: TARGET_MS,
      ok: warmMs < TARGET_MS,
    });
  }
}

const countFilter: PaymentFilterModel = { kind: { filterType: 'set', values: ['beps'] }, direction: { filterType: 'set', values: ['in'] } };
const countCache = new BlotterCache(db);
const [count, countColdMs] = timed(() => countPayments(db, countCache, countFilter));
const countWarmMs = median(Array.from({ length: REPEATS }, () => timed(() => countPayments(db, countCache, countFilter))[1]));
const rawCount = db.prepare("SELECT count(*) FROM payments WHERE kind = 'beps' AND direction = 'in'").pluck();
const countBaselineMs = median(Array.from({ length: 3 }, () => timed(() => rawCount.get())[1]));
if (rawCount.get() !== count) throw new Error('filtered count differs from the raw count');

db.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify(
    {
      bench: 'blotter',
      rows: ROWS,
      loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      cpus: cpus().length,
      pageRows: PAGE,
      buildMs: Math.round(buildMs),
      note: 'firstCallMs includes building the order (count + anchors or list) once; pageMs is the median of 11 calls with it cached (min beside it), interleaved with the baseline; a busy machine (loadAverage1m) inflates both',
      pages,
      filteredCount: {
        filter: 'kind = beps AND direction = in',
        count,
        coldMs: round(countColdMs),
        cachedMs: round(countWarmMs),
        baselineCountMs: round(countBaselineMs),
        ratioCachedToBaseline: round(countWarmMs / countBaselineMs),
        targetMs: TARGET_MS,
      },
      allPagesUnderTarget: allUnderTarget,
    },
    null,
    2,
  )}\n`,
);
