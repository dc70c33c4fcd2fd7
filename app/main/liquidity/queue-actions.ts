import type { Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { findPayment } from '../payments/payment-repository';
import type { PaymentDbRow } from '../payments/payment-record';
import { appendOutbox, hasWaitingAction } from '../sync/outbox';
import type { ActionLink } from '../payments/payment-actions';
import { UserError } from '../user-error';
import { reasonWords } from '../../shared/domain/reason-codes';
import { isOwnUnsettled } from '../../shared/domain/payment-actions';
import { paymentReorderPayloadSchema as reorderPayloadSchema } from '../../shared/contract/sync-protocol';
import { moveInQueue } from './queue-order';

/**
 * 排队管理: a supervisor moves a queued own RTGS payment to the top or bottom of its priority
 * class. Checked against what the console knows, audited in the payment's history and written
 * to the outbox as payment.reorder in one transaction; the house decides (docs/sync.md).
 */
export function requestReorder(db: Db, link: ActionLink | null, request: { id: string; to: 'top' | 'bottom'; reason: string; username: string; at: string }): PaymentDbRow {
  if (link === null) {
    throw new UserError('payments.no_house_link', 'This console has no link to the clearing house; nothing to reorder there.', '本机未连接清算中心，无法调整排队顺序。');
  }
  const reason = request.reason.trim();
  const row = db.transaction(() => {
    const payment = findPayment(db, request.id);
    if (payment === undefined) throw new UserError('not_found', `No payment ${request.id}.`, `支付 ${request.id} 不存在。`);
    // A scheduled payment is in no queue yet (the house refuses it): cancel or reprioritise it instead.
    if (!isOwnUnsettled(payment) || payment.kind !== 'hvps' || payment.status === 'scheduled') {
      throw new UserError(
        'payments.not_reorderable',
        `Payment ${payment.id} (${payment.kind}, ${payment.status}) cannot be reordered: only this bank's own unsettled RTGS (hvps) payments can.`,
        `支付 ${payment.id}（${payment.kind}，${payment.status}）不能调整排队顺序：只能调整本行未清算的大额往账。`,
      );
    }
    if (hasWaitingAction(db, 'payment.reorder', payment.id)) {
      throw new UserError('payments.action_pending', `A reorder of ${payment.id} is already with the clearing house.`, `支付 ${payment.id} 的排队调整申请已提交清算中心。`);
    }
    const seq = appendOutbox(db, 'payment.reorder', payment.id, { to: request.to, reason }, request.at);
    appendAudit(db, { at: request.at, actor: request.username, action: 'payment.reorder_requested', entity: 'payment', entityId: payment.id, detail: { to: request.to, reason, seq } });
    return payment;
  })();
  queueMicrotask(link.nudge);
  return row;
}

/** The house's answer to a reorder, in the push-results transaction; a refusal is told as a notice. */
export function recordReorderAnswer(
  db: Db,
  paymentId: string,
  outcome: 'accepted' | 'rejected',
  code: string | undefined,
  message: string | undefined,
  at: string,
  payload: string | undefined,
): { paymentId: string; code: string; message: string; messageZh: string } | undefined {
  if (outcome === 'accepted') {
    const to = reorderPayloadSchema.safeParse(payload === undefined ? undefined : JSON.parse(payload));
    if (to.success) moveInQueue(db, paymentId, to.data.to);
    appendAudit(db, { at, actor: 'house', action: 'payment.reorder_accepted', entity: 'payment', entityId: paymentId, detail: to.success ? { to: to.data.to } : {} });
    return undefined;
  }
  const reasonCode = code ?? 'INVALID_PAYLOAD';
  const known = reasonWords(reasonCode);
  appendAudit(db, { at, actor: 'house', action: 'payment.reorder_refused', entity: 'payment', entityId: paymentId, detail: { code: reasonCode, message: message ?? null } });
  return {
    paymentId,
    code: reasonCode,
    message: `The clearing house refused to reorder payment ${paymentId}: ${known?.en ?? message ?? reasonCode} [${reasonCode}]`,
    messageZh: `清算中心拒绝调整支付 ${paymentId} 的排队顺序：${known?.zh ?? message ?? reasonCode}【${reasonCode}】`,
  };
}
