import { preparedOnce, type Db } from '../store/open-database';
import { RISK_DECISIONS, type RiskDecision } from '../../shared/risk/rules/decision-bands';
import { evaluatePayment } from '../../shared/risk/rules/evaluate-payment';
import { type HistoryPayment, riskPaymentSchema, type ScreeningResult } from '../../shared/risk/rules/risk-input';
import type { RuleSet } from '../../shared/risk/rules/rule-set';
import { calendarContext } from './risk-calendar';

/**
 * "What would this version have decided?" — the approver's look at a proposal's effect before
 * it comes into force. Scores the console's recent outgoing payments (the newest `maxPayments`
 * of the last `days` days) with two rule sets and counts the decisions. Nothing is written.
 *
 * Differences from the live hook, on purpose: the payment's time is its capture time (the
 * verify time is not kept once a payment moves on); screening is not re-run — the matches kept
 * on the payment's alert are used (a payment that passed had none worth keeping); the customer
 * is a natural person, as the console's hook assumes.
 */
export interface PreviewOptions {
  days: number;
  maxPayments: number;
  /** The back end's clock, ISO. */
  now: string;
}

export type DecisionCounts = Record<RiskDecision, number>;

const MAX_HISTORY_ROWS = 5_000;

interface PaymentRow {
  id: string;
  kind: string;
  amount_minor: bigint;
  debtor_account: string;
  to_id: string;
  creditor_account: string;
  created_at: string;
  business_date: string;
  screening: string | null;
}

// Payments that reached verification (drafts and cancelled captures were never scored).
const SCORED = "direction = 'out' AND status NOT IN ('draft', 'cancelled')";

const sql = preparedOnce((db) => ({
  count: db.prepare<[string], number>(`SELECT count(*) FROM payments WHERE ${SCORED} AND created_at >= ?`).pluck(),
  recent: db.prepare<[string, number], PaymentRow>(
    `SELECT p.id, p.kind, p.amount_minor, p.debtor_account, p.to_id, p.creditor_account, p.created_at, p.business_date, a.screening
       FROM payments p LEFT JOIN risk_alerts a ON a.payment_id = p.id
      WHERE p.direction = 'out' AND p.status NOT IN ('draft', 'cancelled') AND p.created_at >= ?
      ORDER BY p.created_at DESC LIMIT ?`,
  ).safeIntegers(),
  history: db.prepare<[string, string, string, string, number], { id: string; amount_minor: bigint; to_id: string; creditor_account: string; created_at: string }>(
    `SELECT id, amount_minor, to_id, creditor_account, created_at FROM payments
      WHERE debtor_account = ? AND created_at >= ? AND created_at <= ? AND id <> ? AND direction = 'out'
        AND status NOT IN ('draft', 'cancelled', 'rejected')
      ORDER BY created_at DESC LIMIT ?`,
  ).safeIntegers(),
  lastBefore: db.prepare<[string, string], { at: string | null }>(
    `SELECT max(created_at) AS at FROM payments WHERE debtor_account = ? AND created_at < ? AND status NOT IN ('draft', 'cancelled')`,
  ),
  knownPayee: db.prepare<[string, string, string, string, string], { found: bigint }>(
    `SELECT EXISTS (SELECT 1 FROM payments WHERE debtor_account = ? AND to_id = ? AND creditor_account = ? AND id <> ? AND created_at < ?
       AND status NOT IN ('draft', 'cancelled', 'rejected')) AS found`,
  ).safeIntegers(),
}));

const zero = (): DecisionCounts => Object.fromEntries(RISK_DECISIONS.map((d) => [d, 0])) as DecisionCounts;

function screeningOf(json: string | null): ScreeningResult[] {
  if (json === null) return [];
  const kept = JSON.parse(json) as { party: 'debtor' | 'creditor'; list: string; id: string; matchedName: string; score: number }[];
  return kept.map((m) => ({ party: m.party, list: m.list, entryId: m.id, listedName: m.matchedName, score: m.score }));
}

/** Counts per decision under each rule set (`base` may be null: nothing in force yet). */
export function previewRuleSets(db: Db, base: RuleSet | null, proposed: RuleSet, options: PreviewOptions) {
  const started = performance.now();
  const since = new Date(Date.parse(options.now) - options.days * 86_400_000).toISOString();
  const inWindow = sql(db).count.get(since) ?? 0;
  const rows = sql(db).recent.all(since, options.maxPayments);
  const windowMinutes = Math.max(
    ...[proposed, base].filter((s): s is RuleSet => s !== null).flatMap((s) => [s.params.velocity.windowMinutes, s.params.structuring.windowMinutes]),
  );
  const baseCounts = zero();
  const proposedCounts = zero();
  let changed = 0;
  const calendar = calendarContext(db);
  for (const row of rows) {
    const historySince = new Date(Date.parse(row.created_at) - windowMinutes * 60_000).toISOString();
    const history: HistoryPayment[] = sql(db).history.all(row.debtor_account, historySince, row.created_at, row.id, MAX_HISTORY_ROWS).map((h) => ({
      id: h.id, customerId: row.debtor_account, amountMinor: BigInt(h.amount_minor), counterpartyKey: `${h.to_id}:${h.creditor_account}`, at: h.created_at,
    }));
    const counterpartyKey = `${row.to_id}:${row.creditor_account}`;
    const known = sql(db).knownPayee.get(row.debtor_account, row.to_id, row.creditor_account, row.id, row.created_at)?.found === 1n;
    const payment = riskPaymentSchema.parse({
      id: row.id, kind: row.kind, amountMinor: BigInt(row.amount_minor), customerId: row.debtor_account, customerType: 'individual',
      counterpartyKey, counterpartyCountry: 'CN', at: row.created_at, businessDate: row.business_date,
    });
    const context = {
      history,
      knownCounterparties: known ? [counterpartyKey] : [],
      lastActivityAt: sql(db).lastBefore.get(row.debtor_account, historySince)?.at ?? null,
      screening: screeningOf(row.screening),
      ...calendar,
    };
    const next = evaluatePayment(payment, context, proposed).decision;
    proposedCounts[next] += 1;
    if (base !== null) {
      const now = evaluatePayment(payment, context, base).decision;
      baseCounts[now] += 1;
      if (now !== next) changed += 1;
    }
  }
  return {
    since,
    scored: rows.length,
    inWindow,
    sampled: inWindow > rows.length,
    base: base === null ? null : { version: base.version, counts: baseCounts },
    proposed: { version: proposed.version, counts: proposedCounts },
    changed,
    elapsedMs: Math.round(performance.now() - started),
  };
}
