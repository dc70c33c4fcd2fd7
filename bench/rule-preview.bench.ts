// The rule-set preview (risk.rules.preview) on a console with 200,000 payments: both rule sets
// scored over the newest RULE_PREVIEW_MAX_PAYMENTS of the window, against the 1,000 ms budget
// of a screen action. Run: npm run bench rule-preview  (PREVIEW_ROWS=50000 for a quicker look).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../app/main/store/open-database';
import { migrate } from '../app/main/store/migrate';
import { MIGRATIONS } from '../app/main/store/migrations/index';
import { withIndexesDeferred } from '../app/main/store/bulk-load';
import { upsertParticipant } from '../app/main/settings/participants';
import { wuhanParticipants } from '../app/main/demo/wuhan-participants';
import { insertDemoPayments } from '../app/main/demo/demo-payments';
import { RISK_MIGRATIONS } from '../app/main/risk/migrations/index';
import { approveRules, proposeRules, ruleSetByVersion, rulesInForce } from '../app/main/risk/rule-set-store';
import { previewRuleSets } from '../app/main/risk/rule-preview';
import { RULE_PREVIEW_MAX_PAYMENTS } from '../app/shared/contract/handlers/risk-rules';
import { DEFAULT_BANDS, DEFAULT_RULE_PARAMS } from '../app/shared/risk/rules/default-rules';

const ROWS = Number(process.env.PREVIEW_ROWS ?? 200_000);
const BUDGET_MS = 1000;
const REPEATS = 5;
const now = '2026-11-26T08:00:00.000Z';

const dir = mkdtempSync(join(tmpdir(), 'hankou-preview-bench-'));
const db = openDatabase(join(dir, 'bench.sqlite'));
const registered = new Set(MIGRATIONS.map((m) => m.version));
migrate(db, [...MIGRATIONS, ...RISK_MIGRATIONS.filter((m) => !registered.has(m.version))]);
const participants = wuhanParticipants();
for (const p of participants) upsertParticipant(db, p);
withIndexesDeferred(db, 'payments', () =>
  insertDemoPayments(db, { count: ROWS, selfId: 'HKB', deviceId: 'D1', participantIds: participants.map((p) => p.id), businessDate: '2026-11-26', now: new Date(now) }),
);
db.pragma('optimize');
proposeRules(db, { params: DEFAULT_RULE_PARAMS, bands: DEFAULT_BANDS, author: 'risk1', at: now, note: 'bench' });
approveRules(db, { version: 1, approver: 'risk2', at: now });
const v2 = proposeRules(db, { params: { ...DEFAULT_RULE_PARAMS, round_amount: { ...DEFAULT_RULE_PARAMS.round_amount, minAmount: '1000.00', score: 35 } }, bands: DEFAULT_BANDS, author: 'risk1', at: now, note: 'bench v2' });
const proposed = { ...ruleSetByVersion(db, v2.version)!, approver: '(preview)', approvedAt: now };

/**
 * Baseline: the reads a preview cannot avoid (the window's newest payments and each one's
 * same-customer history), with no scoring: what the two evaluations add on top is the ratio.
 */
function readOnlyBaselineMs(days: number): number {
  const since = new Date(Date.parse(now) - days * 86_400_000).toISOString();
  const recent = db.prepare<[string, number], { id: string; debtor_account: string; created_at: string }>(
    "SELECT id, debtor_account, created_at FROM payments WHERE direction = 'out' AND status NOT IN ('draft', 'cancelled') AND created_at >= ? ORDER BY created_at DESC LIMIT ?",
  );
  const history = db.prepare<[string, string, string, string], unknown>(
    "SELECT id, amount_minor, to_id, creditor_account, created_at FROM payments WHERE debtor_account = ? AND created_at >= ? AND created_at <= ? AND id <> ? AND direction = 'out' ORDER BY created_at DESC LIMIT 200",
  ).safeIntegers();
  const runs: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    for (const row of recent.all(since, RULE_PREVIEW_MAX_PAYMENTS)) {
      history.all(row.debtor_account, new Date(Date.parse(row.created_at) - 86_400_000).toISOString(), row.created_at, row.id);
    }
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)] ?? NaN;
}

const results = [];
for (const days of [7, 31]) {
  const runs: number[] = [];
  let last: ReturnType<typeof previewRuleSets> | null = null;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    last = previewRuleSets(db, rulesInForce(db), proposed, { days, maxPayments: RULE_PREVIEW_MAX_PAYMENTS, now });
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)] ?? NaN;
  const baselineMs = readOnlyBaselineMs(days);
  results.push({ days, inWindow: last?.inWindow, scored: last?.scored, sampled: last?.sampled, changed: last?.changed, medianMs: Math.round(median), maxMs: Math.round(runs[runs.length - 1] ?? NaN), perPaymentUs: last && last.scored > 0 ? Math.round((median * 1000) / last.scored) : null, withinBudget: median < BUDGET_MS, baseline: { what: 'the same rows and per-customer history read, nothing scored', medianMs: Math.round(baselineMs) }, ratio: Math.round((median / baselineMs) * 100) / 100 });
}
db.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ bench: 'rule-preview', rows: ROWS, maxPayments: RULE_PREVIEW_MAX_PAYMENTS, budgetMs: BUDGET_MS, cpus: cpus().length, loadavg: loadavg().map((x) => Math.round(x * 10) / 10), results }, null, 2));
