import type { PaymentDbRow } from '../payments/payment-record';
import type { VerifyPipeline } from '../payments/verify-pipeline';
import type { Db } from '../store/open-database';
import { UserError } from '../user-error';
import type { Role } from '../../shared/domain/operator';
import { type AlertAction, type AlertRecord, getAlert } from './alert-store';
import { decideAlert } from './alert-decisions';
import { applyAlertOutcome } from './risk-flow';
import { getRiskSettings } from './risk-settings';

/**
 * A decision from the review desk, whole: who may take it, the decision itself (note,
 * four-eyes) and what it does to the payment, in one transaction.
 *
 * Who: a risk officer may take every action. A supervisor (DESIGN §1: "release held payments")
 * may release, and confirm or refuse another's release — but not on an alert with a sanctions
 * match: clearing a name against a sanctions list is the risk officer's call alone.
 */
export interface DeskDecision {
  alertId: string;
  action: AlertAction;
  note: string;
  actor: string;
  roles: readonly Role[];
  at: string;
}

const SUPERVISOR_ACTIONS: ReadonlySet<AlertAction> = new Set(['release', 'confirm', 'refuse']);

function checkMayDecide(alert: AlertRecord, decision: DeskDecision): void {
  if (decision.roles.includes('risk')) return;
  if (!decision.roles.includes('supervisor')) {
    throw new UserError('auth.forbidden', 'Your role may not decide risk alerts.', '您的岗位无权处理风险预警。');
  }
  if (!SUPERVISOR_ACTIONS.has(decision.action) || (decision.action !== 'release' && alert.status !== 'pending_release')) {
    throw new UserError('risk.supervisor_release_only', 'A supervisor may only release held payments.', '复核岗只能放行被暂停的支付。');
  }
  if (alert.screening.length > 0) {
    throw new UserError(
      'risk.sanctions_needs_officer',
      'This alert has a sanctions list match: only a risk officer may clear it.',
      '该预警命中制裁名单，只能由风险岗处理。',
    );
  }
}

export function decideFromDesk(db: Db, pipeline: VerifyPipeline, decision: DeskDecision): { alert: AlertRecord; payment: PaymentDbRow } {
  return db.transaction(() => {
    const before = getAlert(db, decision.alertId);
    if (before === null) throw new UserError('not_found', `No alert ${decision.alertId}.`, `预警 ${decision.alertId} 不存在。`);
    checkMayDecide(before, decision);
    const alert = decideAlert(db, {
      alertId: decision.alertId,
      action: decision.action,
      actor: decision.actor,
      note: decision.note,
      at: decision.at,
      fourEyesAmountMinor: getRiskSettings(db).fourEyesAmountMinor,
    });
    const payment = applyAlertOutcome(db, pipeline, alert, decision.actor, decision.at, decision.note.trim());
    return { alert, payment };
  })();
}
