import { appendAudit } from '../audit/audit-log';
import type { PaymentDbRow } from '../payments/payment-record';
import { findPayment, moveStatus } from '../payments/payment-repository';
import type { RiskGateStep, VerifyPipeline } from '../payments/verify-pipeline';
import { preparedOnce, type Db } from '../store/open-database';
import { UserError } from '../user-error';
import type { PaymentStatus } from '../../shared/domain/payment';
import type { ReasonCode } from '../../shared/domain/reason-codes';
import { evaluatePayment, type RiskEvaluation } from '../../shared/risk/rules/evaluate-payment';
import { type CustomerType, type HistoryPayment, riskPaymentSchema, type ScreeningResult } from '../../shared/risk/rules/risk-input';
import type { Screener } from '../../shared/risk/screening/screener';
import { type AlertRecord, type AlertScreeningMatch, alertForPayment, paymentRiskGate, raiseAlert } from './alert-store';
import { rulesInForce } from './rule-set-store';
import { calendarContext } from './risk-calendar';
import { getRiskSettings } from './risk-settings';

/**
 * Risk at verification: screen both parties, score the payment with the rules in force, and
 * raise an alert unless it passes — inside the verify transaction, so a payment is never
 * verified without its assessment. The gate below turns the alert into a held or rejected payment.
 */
export interface PaymentRiskOptions {
  /** The screener in use now (swappable); null while no list is loaded. */
  screener: () => Screener | null;
  /** Minutes an officer has to decide an alert. */
  slaMinutes: number;
  /** Payments carry no customer type; the default treats every debtor as a natural person, the stricter thresholds. */
  customerTypeOf?: (payment: PaymentDbRow) => CustomerType;
  /**
   * With no approved rule set: `block` refuses verification (fail closed); `screen_only` still
   * holds a payment whose party matches a list at or above the screener's alert threshold.
   */
  whenNoRules: 'block' | 'screen_only';
}

/** History rows read per assessment at most: enough for any window the rules allow. */
export const MAX_HISTORY_ROWS = 5_000;

const assessSql = preparedOnce((db) => ({
  history: db.prepare<[string, string, string, number], { id: string; amount_minor: bigint; to_id: string; creditor_account: string; created_at: string }>(
    `SELECT id, amount_minor, to_id, creditor_account, created_at FROM payments
      WHERE debtor_account = ? AND created_at >= ? AND id <> ? AND direction = 'out'
        AND status NOT IN ('draft', 'cancelled', 'rejected')
      ORDER BY created_at DESC LIMIT ?`,
  ).safeIntegers(),
  lastBefore: db.prepare<[string, string, string], { at: string | null }>(
    `SELECT max(created_at) AS at FROM payments WHERE debtor_account = ? AND created_at < ? AND id <> ? AND status NOT IN ('draft', 'cancelled')`,
  ),
  knownPayee: db.prepare<[string, string, string, string], { found: bigint }>(
    `SELECT EXISTS (SELECT 1 FROM payments WHERE debtor_account = ? AND to_id = ? AND creditor_account = ? AND id <> ?
       AND status NOT IN ('draft', 'cancelled', 'rejected')) AS found`,
  ).safeIntegers(),
}));

function screenParty(screener: Screener, party: 'debtor' | 'creditor', name: string): AlertScreeningMatch[] {
  return screener.screen(name, { limit: 3 }).map((m) => ({
    party, query: name, list: m.list, id: m.id, name: m.name, matchedName: m.matchedName, score: m.score, tokens: m.tokens,
  }));
}

export function assessVerifiedPayment(db: Db, payment: PaymentDbRow, options: PaymentRiskOptions): { evaluation: RiskEvaluation; alert: AlertRecord | null } | null {
  if (payment.direction !== 'out') return null;
  const screener = options.screener();
  if (screener === null) {
    throw new UserError('risk.screening_unavailable', 'Sanctions lists are not loaded; payments cannot be verified.', '制裁名单未加载，暂不能复核支付。');
  }
  const at = payment.updated_at;
  const matches = [...screenParty(screener, 'debtor', payment.debtor_name), ...screenParty(screener, 'creditor', payment.creditor_name)];
  const screening: ScreeningResult[] = matches.map((m) => ({ party: m.party, list: m.list, entryId: m.id, listedName: m.matchedName, score: m.score }));
  const rules = rulesInForce(db);
  let evaluation: RiskEvaluation;
  if (rules === null) {
    if (options.whenNoRules === 'block') {
      throw new UserError('risk.no_rules', 'No approved risk rule set is in force; payments cannot be verified.', '尚无经复核生效的风险规则，暂不能复核支付。');
    }
    const best = matches[0];
    evaluation = best === undefined
      ? { paymentId: payment.id, ruleSetVersion: 0, total: 0, decision: 'pass', hits: [] }
      : {
          paymentId: payment.id, ruleSetVersion: 0, total: 0, decision: 'hold',
          hits: [{ rule: 'sanctions_match', score: 0, figures: { list: best.list, entryId: best.id, score: best.score },
            explanation: { zh: `名称与制裁名单 ${best.list.toUpperCase()} 第 ${best.id} 号相似（无生效规则，仅筛查）`, en: `name matches ${best.list.toUpperCase()} entry ${best.id} (no rules in force: screening only)` } }],
        };
  } else {
    const p = rules.params;
    const windowMinutes = Math.max(p.velocity.windowMinutes, p.structuring.windowMinutes);
    const since = new Date(Date.parse(at) - windowMinutes * 60_000).toISOString();
    const history: HistoryPayment[] = assessSql(db).history.all(payment.debtor_account, since, payment.id, MAX_HISTORY_ROWS).map((h) => ({
      id: h.id, customerId: payment.debtor_account, amountMinor: BigInt(h.amount_minor), counterpartyKey: `${h.to_id}:${h.creditor_account}`, at: h.created_at,
    }));
    const counterpartyKey = `${payment.to_id}:${payment.creditor_account}`;
    const known = assessSql(db).knownPayee.get(payment.debtor_account, payment.to_id, payment.creditor_account, payment.id)?.found === 1n;
    const riskPayment = riskPaymentSchema.parse({
      id: payment.id,
      kind: payment.kind,
      amountMinor: BigInt(payment.amount_minor),
      customerId: payment.debtor_account,
      customerType: options.customerTypeOf?.(payment) ?? 'individual',
      counterpartyKey,
      counterpartyCountry: 'CN', // CNAPS payments settle between mainland banks.
      at,
      businessDate: payment.business_date,
    });
    evaluation = evaluatePayment(
      riskPayment,
      {
        history,
        knownCounterparties: known ? [counterpartyKey] : [],
        lastActivityAt: assessSql(db).lastBefore.get(payment.debtor_account, since, payment.id)?.at ?? null,
        screening,
        ...calendarContext(db),
      },
      rules,
    );
  }
  const alert = raiseAlert(db, { paymentId: payment.id, amountMinor: BigInt(payment.amount_minor), evaluation, screening: matches, at, slaMinutes: options.slaMinutes, actor: 'risk' });
  return { evaluation, alert };
}

/**
 * The risk flow: every outgoing payment is screened and scored inside its verify
 * transaction. `review` and `hold` stop it there: the payment moves `verified -> held` and the
 * gate stops the verify pipeline, so its outbox step never runs; `reject` ends it as a
 * rejected payment with a reason. Releasing the alert moves the payment `held -> verified` and
 * runs the verify pipeline again in the release transaction: the gate then lets it through and the
 * outbox takes the payment exactly as it would have at verification — once, because a released
 * alert is final and enqueueOutbox moves the payment on from `verified`.
 */

/** Who the audit trail names for what the rules decide on their own. */
export const RISK_ENGINE_ACTOR = 'risk-engine';

export type RiskFlowOptions = Omit<PaymentRiskOptions, 'slaMinutes'> & {
  /** Called after the verify transaction when a payment was held or rejected (console alert strip). */
  onStopped?: (event: { paymentId: string; alert: AlertRecord; outcome: 'held' | 'rejected' }) => void;
};

const sql = preparedOnce((db) => ({
  closeByRules: db.prepare(`UPDATE risk_alerts SET status = 'rejected', closed_at = ? WHERE id = ? AND status = 'open'`),
  decision: db.prepare(
    `INSERT INTO risk_alert_decisions (alert_id, at, actor, action, status_after, note) VALUES (?, ?, ?, 'reject', 'rejected', ?)`,
  ),
}));

/** SANCTIONS when a list match counted in the score, else RISK_REJECTED. */
export function rejectionReason(alert: AlertRecord): ReasonCode {
  return alert.hits.some((h) => h.rule === 'sanctions_match') ? 'SANCTIONS' : 'RISK_REJECTED';
}

/**
 * Statuses a payment waits in while its alert is open: `held`, and `verified` for a payment held
 * before migration 0007 (when a held payment kept that status); a decision settles either.
 */
const WAITING_STATUSES: ReadonlySet<PaymentStatus> = new Set(['held', 'verified']);

function rejectPayment(db: Db, payment: PaymentDbRow, alert: AlertRecord, actor: string, at: string, note: string): PaymentDbRow {
  const reason = rejectionReason(alert);
  const rejected = moveStatus(db, { id: payment.id, from: payment.status, status: 'rejected', reason, note, at });
  if (rejected === undefined) {
    throw new Error(`risk: payment ${payment.id} left '${payment.status}' while its alert ${alert.id} was open`);
  }
  appendAudit(db, {
    at, actor, action: 'payment.risk_rejected', entity: 'payment', entityId: payment.id,
    detail: { alertId: alert.id, from: payment.status, to: 'rejected', reason, note },
  });
  return rejected;
}

/** The rules scored `reject`: the alert closes as rejected and the payment ends, in the verify transaction. */
function rejectByRules(db: Db, payment: PaymentDbRow, alert: AlertRecord, at: string): PaymentDbRow {
  const note = `rules scored ${alert.totalScore} (rule set v${alert.ruleSetVersion}): ${alert.hits.map((h) => h.rule).join(', ')}`;
  if (sql(db).closeByRules.run(at, alert.id).changes !== 1) throw new Error(`risk: alert ${alert.id} was not open`);
  sql(db).decision.run(alert.id, at, RISK_ENGINE_ACTOR, note);
  appendAudit(db, { at, actor: RISK_ENGINE_ACTOR, action: 'risk.alert.reject', entity: 'risk_alert', entityId: alert.id, detail: { paymentId: payment.id, from: 'open', to: 'rejected', note } });
  return rejectPayment(db, payment, alert, RISK_ENGINE_ACTOR, at, note);
}

/** The review and hold decisions alike: neither may leave before an officer decides. */
function holdForReview(db: Db, payment: PaymentDbRow, alert: AlertRecord, at: string): PaymentDbRow {
  const held = moveStatus(db, { id: payment.id, from: 'verified', status: 'held', at });
  if (held === undefined) throw new Error(`risk: payment ${payment.id} left 'verified' inside its verify transaction`);
  appendAudit(db, {
    at,
    actor: RISK_ENGINE_ACTOR,
    action: 'payment.risk_held',
    entity: 'payment',
    entityId: payment.id,
    detail: { alertId: alert.id, from: 'verified', to: 'held', decision: alert.decision, total: alert.totalScore, rules: alert.hits.map((h) => h.rule) },
  });
  return held;
}

/** The risk gate: step 1 of the verify pipeline (payments/verify-pipeline.ts). */
export function riskGate(options: RiskFlowOptions): RiskGateStep {
  return (db, payment) => {
    if (payment.direction !== 'out') return { payment, stop: false };
    // Run again on release: the assessment was made once; the alert's state decides.
    if (alertForPayment(db, payment.id) !== null) return { payment, stop: paymentRiskGate(db, payment.id) !== 'clear' };
    const assessed = assessVerifiedPayment(db, payment, { ...options, slaMinutes: getRiskSettings(db).slaMinutes });
    const alert = assessed?.alert ?? null;
    if (alert === null) return { payment, stop: false };
    const at = payment.updated_at;
    const outcome: 'held' | 'rejected' = alert.decision === 'reject' ? 'rejected' : 'held';
    const stopped = outcome === 'rejected' ? rejectByRules(db, payment, alert, at) : holdForReview(db, payment, alert, at);
    const onStopped = options.onStopped;
    // After the verify transaction: only tell anyone if it committed.
    if (onStopped) queueMicrotask(() => alertForPayment(db, payment.id) !== null && onStopped({ paymentId: payment.id, alert, outcome }));
    return { payment: stopped, stop: true };
  };
}

/**
 * What a final decision does to the payment, inside the decision's transaction: released ->
 * `held -> verified`, then the verify pipeline runs again (the gate lets it through, the outbox
 * enqueues it); rejected -> the payment is rejected with a reason. Other states leave the
 * payment held. Returns the payment as it is now.
 */
export function applyAlertOutcome(db: Db, pipeline: VerifyPipeline, alert: AlertRecord, actor: string, at: string, note: string): PaymentDbRow {
  if (!db.inTransaction) throw new Error('applyAlertOutcome runs inside the decision transaction');
  const payment = findPayment(db, alert.paymentId);
  if (payment === undefined) throw new Error(`risk: alert ${alert.id} names a missing payment ${alert.paymentId}`);
  if (alert.status !== 'released' && alert.status !== 'rejected') return payment;
  if (!WAITING_STATUSES.has(payment.status)) throw new Error(`risk: held payment ${payment.id} is ${payment.status}, not held`);
  if (alert.status === 'rejected') return rejectPayment(db, payment, alert, actor, at, note);
  let resumed = payment;
  if (payment.status === 'held') {
    const moved = moveStatus(db, { id: payment.id, from: 'held', status: 'verified', at });
    if (moved === undefined) throw new Error(`risk: payment ${payment.id} left 'held' inside the release transaction`);
    resumed = moved;
  }
  appendAudit(db, {
    at, actor, action: 'payment.risk_released', entity: 'payment', entityId: payment.id,
    detail: { alertId: alert.id, from: payment.status, to: 'verified', note },
  });
  // The path it would have taken at verification: the outbox (verified -> queued_offline) or none.
  return pipeline.run(db, resumed);
}
