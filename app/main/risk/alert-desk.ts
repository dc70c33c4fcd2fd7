import type { PaymentDbRow } from '../payments/payment-record';
import type { VerifyPipeline } from '../payments/verify-pipeline';
import type { Db } from '../store/open-database';
import { UserError } from '../user-error';
import type { Role } from '../../shared/domain/operator';
import { type DeskRefusal, deskDecisionRefusal } from '../../shared/domain/roles';
import { type AlertAction, type AlertRecord, getAlert } from './alert-store';
import { decideAlert } from './alert-decisions';
import { applyAlertOutcome } from './risk-flow';
import { getRiskSettings } from './risk-settings';

/**
 * A decision from the review desk, whole: who may take it (app/shared/domain/roles.ts,
 * `deskDecisionRefusal`), the decision itself (note, four-eyes) and what it does to the payment,
 * in one transaction.
 */
export interface DeskDecision {
  alertId: string;
  action: AlertAction;
  note: string;
  actor: string;
  roles: readonly Role[];
  at: string;
}

const REFUSALS: Record<DeskRefusal, [string, string]> = {
  'auth.forbidden': ['Your role may not decide risk alerts.', '您的岗位无权处理风险预警。'],
  'risk.supervisor_release_only': ['A supervisor may only release held payments.', '复核岗只能放行被暂停的支付。'],
  'risk.sanctions_needs_officer': [
    'This alert has a sanctions list match: only a risk officer may clear it.',
    '该预警命中制裁名单，只能由风险岗处理。',
  ],
};

function checkMayDecide(alert: AlertRecord, decision: DeskDecision): void {
  const refusal = deskDecisionRefusal(decision.roles, decision.action, {
    status: alert.status,
    hasSanctionsMatch: alert.screening.length > 0,
  });
  if (refusal !== null) throw new UserError(refusal, ...REFUSALS[refusal]);
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
