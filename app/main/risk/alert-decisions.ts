import { appendAudit } from '../audit/audit-log';
import { preparedOnce, type Db } from '../store/open-database';
import { UserError } from '../user-error';
import { type AlertAction, type AlertRecord, type AlertStatus, getAlert } from './alert-store';

/** The officer's decisions on an alert, with four-eyes above a configured amount and for releasing a sanctions hit. */

export interface DecideAlertInput {
  alertId: string;
  action: AlertAction;
  actor: string;
  /** Mandatory: why. Kept with the decision and in the audit trail. */
  note: string;
  at: string;
  /** At or above this amount a release or reject needs a second officer to confirm. */
  fourEyesAmountMinor: bigint;
}

const sql = preparedOnce((db) => ({
  setStatus: db.prepare('UPDATE risk_alerts SET status = @status, pending_by = @pendingBy, closed_at = @closedAt WHERE id = @id AND status = @from'),
  decision: db.prepare(
    'INSERT INTO risk_alert_decisions (alert_id, at, actor, action, status_after, note) VALUES (@alertId, @at, @actor, @action, @statusAfter, @note)',
  ),
}));

const ACTION_ZH: Record<AlertAction, string> = { escalate: '上报', release: '放行', reject: '拒绝', confirm: '复核确认', refuse: '复核退回' };

function refuse(code: string, en: string, zh: string): never {
  throw new UserError(code, en, zh);
}

/** Whether the alert stopped the payment on a sanctions list match (the `sanctions_match` rule). */
export function isSanctionsHit(alert: Pick<AlertRecord, 'hits'>): boolean {
  return alert.hits.some((hit) => hit.rule === 'sanctions_match');
}

/**
 * Four eyes: a release or reject at or above the amount, and releasing a sanctions hit of any
 * amount — letting money go to a possibly listed party is never one person's call (rejecting it
 * is the safe side and follows the amount rule).
 */
export function needsSecondOfficer(alert: Pick<AlertRecord, 'hits' | 'amountMinor'>, action: 'release' | 'reject', fourEyesAmountMinor: bigint): boolean {
  if (alert.amountMinor >= fourEyesAmountMinor) return true;
  return action === 'release' && isSanctionsHit(alert);
}

/** The status after an action, or a refusal explaining why the action does not apply. */
function nextStatus(alert: AlertRecord, input: DecideAlertInput): { status: AlertStatus; pendingBy: string | null } {
  const { action, actor } = input;
  const pending = alert.status === 'pending_release' || alert.status === 'pending_reject';
  const active = alert.status === 'open' || alert.status === 'escalated';
  const wrong = (): never =>
    refuse('bad_transition', `cannot ${action} an alert that is ${alert.status}`, `预警当前状态为 ${alert.status}，不能${ACTION_ZH[action]}`);
  switch (action) {
    case 'escalate':
      if (alert.status !== 'open') return wrong();
      return { status: 'escalated', pendingBy: null };
    case 'release':
    case 'reject': {
      if (!active) return wrong();
      const needsSecond = needsSecondOfficer(alert, action, input.fourEyesAmountMinor);
      if (needsSecond) return { status: action === 'release' ? 'pending_release' : 'pending_reject', pendingBy: actor };
      return { status: action === 'release' ? 'released' : 'rejected', pendingBy: null };
    }
    case 'confirm':
    case 'refuse':
      if (!pending) return wrong();
      if (alert.pendingBy === actor) {
        return refuse('same_person', 'the second officer must be a different person', '复核人不能与经办人为同一人');
      }
      if (action === 'refuse') return { status: 'escalated', pendingBy: null };
      return { status: alert.status === 'pending_release' ? 'released' : 'rejected', pendingBy: null };
  }
}

export function decideAlert(db: Db, input: DecideAlertInput): AlertRecord {
  const note = input.note.trim();
  if (note === '') refuse('note_required', 'a decision needs a note', '处理意见不能为空');
  if (note.length > 2000) refuse('note_too_long', 'the note is longer than 2,000 characters', '处理意见不能超过 2000 字');
  return db.transaction(() => {
    const alert = getAlert(db, input.alertId);
    if (alert === null) refuse('not_found', `no alert ${input.alertId}`, `预警 ${input.alertId} 不存在`);
    const next = nextStatus(alert, input);
    const closed = next.status === 'released' || next.status === 'rejected';
    const changed = sql(db).setStatus.run({ id: alert.id, from: alert.status, status: next.status, pendingBy: next.pendingBy, closedAt: closed ? input.at : null }).changes;
    if (changed !== 1) throw new Error(`decideAlert: alert ${alert.id} changed under us`);
    sql(db).decision.run({ alertId: alert.id, at: input.at, actor: input.actor, action: input.action, statusAfter: next.status, note });
    appendAudit(db, {
      at: input.at,
      actor: input.actor,
      action: `risk.alert.${input.action}`,
      entity: 'risk_alert',
      entityId: alert.id,
      detail: { paymentId: alert.paymentId, from: alert.status, to: next.status, note },
    });
    return getAlert(db, alert.id) as AlertRecord;
  })();
}
