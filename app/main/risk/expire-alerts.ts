import { appendAudit } from '../audit/audit-log';
import { preparedOnce, type Db } from '../store/open-database';

/**
 * A held payment that expired at the day change (app/main/payments/day-change.ts) can no longer
 * be released, so its alert leaves the risk desk in the same transaction. risk_alerts (0021)
 * has no `expired` status; the alert closes as `rejected` — the payment did not go out — with a
 * decision by the end-of-day actor whose note says why, so nobody reads it as a risk finding.
 */

const sql = preparedOnce((db) => ({
  active: db.prepare<[string], { id: string; status: string }>(
    `SELECT id, status FROM risk_alerts WHERE payment_id = ? AND status IN ('open', 'escalated', 'pending_release', 'pending_reject')`,
  ),
  close: db.prepare(
    `UPDATE risk_alerts SET status = 'rejected', pending_by = NULL, closed_at = ? WHERE id = ? AND status = ?`,
  ),
  decision: db.prepare(
    `INSERT INTO risk_alert_decisions (alert_id, at, actor, action, status_after, note) VALUES (?, ?, ?, 'reject', 'rejected', ?)`,
  ),
}));

/** Closes the payment's active alert, if any; false when there was none (closed already). */
export function closeAlertOfExpiredPayment(db: Db, paymentId: string, businessDate: string, actor: string, at: string): boolean {
  const s = sql(db);
  const alert = s.active.get(paymentId);
  if (alert === undefined) return false;
  if (s.close.run(at, alert.id, alert.status).changes !== 1) throw new Error(`risk: alert ${alert.id} changed while expiring`);
  const note = `payment expired: not released before business day ${businessDate} ended (END_OF_DAY); no risk finding`;
  s.decision.run(alert.id, at, actor, note);
  appendAudit(db, {
    at, actor, action: 'risk.alert.expired', entity: 'risk_alert', entityId: alert.id,
    detail: { paymentId, from: alert.status, to: 'rejected', reason: 'END_OF_DAY', note },
  });
  return true;
}
