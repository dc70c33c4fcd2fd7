import { appendAudit } from '../audit/audit-log';
import type { PaymentDbRow } from '../payments/payment-record';
import { changeStatus, findPayment } from '../payments/payment-repository';
import type { VerifyHook, VerifyHooks } from '../payments/verify-hooks';
import { preparedOnce, type Db } from '../store/open-database';
import type { PaymentStatus } from '../../shared/domain/payment';
import type { ReasonCode } from '../../shared/domain/reason-codes';
import { type AlertRecord, alertForPayment, paymentRiskGate } from './alert-store';
import { assessVerifiedPayment, type PaymentRiskOptions } from './payment-risk-hook';
import { getRiskSettings } from './risk-settings';

/**
 * The risk flow: every outgoing payment is screened and scored inside its verify
 * transaction. `review` and `hold` stop it there: the payment moves `verified -> held` and the
 * hook answers 'stop', so the outbox hook registered after it never runs; `reject` ends it as a
 * rejected payment with a reason. Releasing the alert moves the payment `held -> verified` and
 * runs the verify hooks again in the release transaction: this hook then answers "clear" and the
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

function rejectPayment(db: Db, payment: PaymentDbRow, alert: AlertRecord, actor: string, at: string, note: string): void {
  const reason = rejectionReason(alert);
  if (!changeStatus(db, { id: payment.id, from: payment.status, status: 'rejected', reason, note, at })) {
    throw new Error(`risk: payment ${payment.id} left '${payment.status}' while its alert ${alert.id} was open`);
  }
  appendAudit(db, {
    at, actor, action: 'payment.risk_rejected', entity: 'payment', entityId: payment.id,
    detail: { alertId: alert.id, from: payment.status, to: 'rejected', reason, note },
  });
}

/** The rules scored `reject`: the alert closes as rejected and the payment ends, in the verify transaction. */
function rejectByRules(db: Db, payment: PaymentDbRow, alert: AlertRecord, at: string): void {
  const note = `rules scored ${alert.totalScore} (rule set v${alert.ruleSetVersion}): ${alert.hits.map((h) => h.rule).join(', ')}`;
  if (sql(db).closeByRules.run(at, alert.id).changes !== 1) throw new Error(`risk: alert ${alert.id} was not open`);
  sql(db).decision.run(alert.id, at, RISK_ENGINE_ACTOR, note);
  appendAudit(db, { at, actor: RISK_ENGINE_ACTOR, action: 'risk.alert.reject', entity: 'risk_alert', entityId: alert.id, detail: { paymentId: payment.id, from: 'open', to: 'rejected', note } });
  rejectPayment(db, payment, alert, RISK_ENGINE_ACTOR, at, note);
}

/**
 * The verify hook of the flow. Register it before any hook that sends the payment on (the
 * console back end installs the risk extension first).
 */
export function riskFlowHook(options: RiskFlowOptions): VerifyHook {
  return (db, payment) => {
    if (payment.direction !== 'out') return;
    // Run again on release: the assessment was made once; the alert's state decides.
    if (alertForPayment(db, payment.id) !== null) return paymentRiskGate(db, payment.id) === 'clear' ? undefined : 'stop';
    const assessed = assessVerifiedPayment(db, payment, { ...options, slaMinutes: getRiskSettings(db).slaMinutes });
    const alert = assessed?.alert ?? null;
    if (alert === null) return;
    const at = payment.updated_at;
    let outcome: 'held' | 'rejected';
    if (alert.decision === 'reject') {
      rejectByRules(db, payment, alert, at);
      outcome = 'rejected';
    } else {
      // review and hold alike: neither may leave before an officer decides.
      if (!changeStatus(db, { id: payment.id, from: 'verified', status: 'held', at })) {
        throw new Error(`risk: payment ${payment.id} left 'verified' inside its verify transaction`);
      }
      appendAudit(db, {
        at,
        actor: RISK_ENGINE_ACTOR,
        action: 'payment.risk_held',
        entity: 'payment',
        entityId: payment.id,
        detail: { alertId: alert.id, from: 'verified', to: 'held', decision: alert.decision, total: alert.totalScore, rules: alert.hits.map((h) => h.rule) },
      });
      outcome = 'held';
    }
    const onStopped = options.onStopped;
    // After the verify transaction: only tell anyone if it committed.
    if (onStopped) queueMicrotask(() => alertForPayment(db, payment.id) !== null && onStopped({ paymentId: payment.id, alert, outcome }));
    return 'stop';
  };
}

/**
 * What a final decision does to the payment, inside the decision's transaction: released ->
 * `held -> verified`, then the verify hooks run again (the outbox enqueues it); rejected -> the
 * payment is rejected with a reason. Other states leave the payment held. Returns the payment
 * as it is now.
 */
export function applyAlertOutcome(db: Db, hooks: VerifyHooks, alert: AlertRecord, actor: string, at: string, note: string): PaymentDbRow {
  if (!db.inTransaction) throw new Error('applyAlertOutcome runs inside the decision transaction');
  const payment = findPayment(db, alert.paymentId);
  if (payment === undefined) throw new Error(`risk: alert ${alert.id} names a missing payment ${alert.paymentId}`);
  if (alert.status !== 'released' && alert.status !== 'rejected') return payment;
  if (!WAITING_STATUSES.has(payment.status)) throw new Error(`risk: held payment ${payment.id} is ${payment.status}, not held`);
  if (alert.status === 'rejected') {
    rejectPayment(db, payment, alert, actor, at, note);
  } else {
    if (payment.status === 'held' && !changeStatus(db, { id: payment.id, from: 'held', status: 'verified', at })) {
      throw new Error(`risk: payment ${payment.id} left 'held' inside the release transaction`);
    }
    appendAudit(db, {
      at, actor, action: 'payment.risk_released', entity: 'payment', entityId: payment.id,
      detail: { alertId: alert.id, from: payment.status, to: 'verified', note },
    });
    const resumed = findPayment(db, payment.id);
    if (resumed === undefined) throw new Error(`risk: payment ${payment.id} vanished inside the release transaction`);
    // The path it would have taken at verification: the outbox (verified -> queued_offline) or none.
    hooks.run(db, resumed);
  }
  return findPayment(db, payment.id) ?? payment;
}
