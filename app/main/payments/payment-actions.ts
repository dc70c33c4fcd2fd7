import { preparedOnce, type Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { findPayment } from './payment-repository';
import type { PaymentDbRow } from './payment-record';
import { UserError } from '../user-error';
import { reasonWords } from '../../shared/domain/reason-codes';
import type { PaymentPriority } from '../../shared/domain/payment';
import { isOwnUnsettled, isReturnableBill } from '../../shared/domain/payment-actions';
import { paymentReprioritisePayloadSchema, type PaymentActionPayload, type PaymentActionType, type PaymentReprioritisePayload } from '../../shared/contract/sync-protocol';
import { appendOutbox, hasLiveAction, hasWaitingAction } from '../sync/outbox';

export type { PaymentActionType };

/** A console's house link as payment actions see it (BackendServices.actionLink): `nudge` pushes at once. */
export interface ActionLink {
  nudge: () => void;
}

/** What is asked: a cancel or a return, or a new priority (0 特急, 1 紧急, 2 普通). */
export type ActionKind = { type: 'payment.cancel' | 'payment.return' } | { type: 'payment.reprioritise'; priority: PaymentPriority };

export type ActionRequest = ActionKind & {
  id: string;
  reason: string;
  username: string;
  at: string;
};

const ACTION_WORDS = {
  'payment.cancel': {
    en: 'cancel',
    zh: '撤销',
    refusedEn: (id: string) => `The clearing house refused to cancel payment ${id}`,
    refusedZh: (id: string) => `清算中心拒绝撤销支付 ${id}`,
    requested: 'payment.cancel_requested',
    refused: 'payment.cancel_refused',
    accepted: 'payment.cancel_accepted',
  },
  'payment.return': {
    en: 'return',
    zh: '退票',
    refusedEn: (id: string) => `The clearing house refused to return payment ${id}`,
    refusedZh: (id: string) => `清算中心拒绝退票支付 ${id}`,
    requested: 'payment.return_requested',
    refused: 'payment.return_refused',
    accepted: 'payment.return_accepted',
  },
  'payment.reprioritise': {
    en: 'change of priority',
    zh: '调整优先级',
    refusedEn: (id: string) => `The clearing house refused to change the priority of payment ${id}`,
    refusedZh: (id: string) => `清算中心拒绝调整支付 ${id} 的优先级`,
    requested: 'payment.reprioritise_requested',
    refused: 'payment.reprioritise_refused',
    accepted: 'payment.reprioritise_accepted',
  },
} as const;

const sql = preparedOnce((db) => ({
  // Only the priority: the house confirmed it, and the status comes with the pull as ever.
  setPriority: db.prepare('UPDATE payments SET priority = ?, updated_at = ? WHERE id = ?'),
}));

/**
 * A supervisor asks the house to cancel an own unsettled payment (撤销), to give it a new
 * priority (调整优先级, same payments as cancel) or to return a received bill (退票). The request is checked against what this console knows, audited in the payment's
 * history with the reason, and written to the outbox in ONE transaction; the house decides and
 * its answer comes back through the push result (refusal: alert) and the pull (new status).
 */
export function requestPaymentAction(db: Db, link: ActionLink | null, request: ActionRequest): PaymentDbRow {
  if (link === null) {
    throw new UserError('payments.no_house_link', 'This console has no link to the clearing house; nothing to cancel, return or reprioritise there.', '本机未连接清算中心，无法撤销、退票或调整优先级。');
  }
  const words = ACTION_WORDS[request.type];
  const reason = request.reason.trim();
  const row = db.transaction(() => {
    const payment = findPayment(db, request.id);
    if (payment === undefined) throw new UserError('not_found', `No payment ${request.id}.`, `支付 ${request.id} 不存在。`);
    checkAllowed(payment, request);
    // A cancel or return stands once accepted; a new priority may be asked again once answered.
    const busy = request.type === 'payment.reprioritise' ? hasWaitingAction(db, request.type, payment.id) : hasLiveAction(db, request.type, payment.id);
    if (busy) {
      throw new UserError('payments.action_pending', `A ${words.en} of ${payment.id} is already with the clearing house.`, `支付 ${payment.id} 的${words.zh}申请已提交清算中心。`);
    }
    const payload: PaymentActionPayload | PaymentReprioritisePayload = request.type === 'payment.reprioritise' ? { priority: request.priority, reason } : { reason };
    const seq = appendOutbox(db, request.type, payment.id, payload, request.at);
    const detail = request.type === 'payment.reprioritise' ? { reason, seq, priority: request.priority, previousPriority: Number(payment.priority) } : { reason, seq };
    appendAudit(db, { at: request.at, actor: request.username, action: words.requested, entity: 'payment', entityId: payment.id, detail });
    return payment;
  })();
  // Push after the transaction committed, not inside it.
  queueMicrotask(link.nudge);
  return row;
}

/** What this console knows decides whether to ask at all; the house has the last word. */
function checkAllowed(payment: PaymentDbRow, request: ActionRequest): void {
  const ownUnsettled = isOwnUnsettled(payment);
  switch (request.type) {
    case 'payment.cancel':
      if (!ownUnsettled) {
        throw new UserError(
          'payments.not_cancellable',
          `Payment ${payment.id} (${payment.status}) cannot be cancelled: only this bank's own unsettled outgoing payments can.`,
          `支付 ${payment.id}（${payment.status}）不能撤销：只能撤销本行未清算的往账。`,
        );
      }
      return;
    case 'payment.reprioritise':
      if (!ownUnsettled) {
        throw new UserError(
          'payments.not_reprioritisable',
          `Payment ${payment.id} (${payment.status}) cannot be reprioritised: only this bank's own unsettled outgoing payments can.`,
          `支付 ${payment.id}（${payment.status}）不能调整优先级：只能调整本行未清算往账的优先级。`,
        );
      }
      return;
    case 'payment.return':
      if (!isReturnableBill(payment)) {
        throw new UserError(
          'payments.not_returnable',
          `Payment ${payment.id} cannot be returned: only a received bill can, before its cycle closes.`,
          `支付 ${payment.id} 不能退票：只能退回本行收到、场次尚未轧差结算的票据。`,
        );
      }
      return;
  }
}

export interface ActionRejection {
  paymentId: string;
  code: string;
  message: string;
  messageZh: string;
}

/**
 * The house's answer to a cancel, return or reprioritise, in the push-results transaction: kept
 * in the payment's history; a refusal becomes an alert naming the reason in both languages. An
 * accepted new priority is written to the local row here (`payload` is the outbox row's), since
 * the pull's payment.status carries no priority.
 */
export function recordActionAnswer(
  db: Db,
  type: PaymentActionType,
  paymentId: string,
  outcome: 'accepted' | 'rejected',
  code: string | undefined,
  message: string | undefined,
  at: string,
  payload?: string,
): ActionRejection | undefined {
  const words = ACTION_WORDS[type];
  if (outcome === 'accepted') {
    let detail: Record<string, unknown> = {};
    if (type === 'payment.reprioritise') {
      const { priority } = paymentReprioritisePayloadSchema.parse(JSON.parse(payload ?? 'null'));
      sql(db).setPriority.run(priority, at, paymentId);
      detail = { priority };
    }
    appendAudit(db, { at, actor: 'house', action: words.accepted, entity: 'payment', entityId: paymentId, detail });
    return undefined;
  }
  const reasonCode = code ?? 'INVALID_PAYLOAD';
  const known = reasonWords(reasonCode);
  appendAudit(db, { at, actor: 'house', action: words.refused, entity: 'payment', entityId: paymentId, detail: { code: reasonCode, message: message ?? null } });
  const en = known ? `${known.en}${message && message !== known.en ? ` (${message})` : ''}` : (message ?? reasonCode);
  return {
    paymentId,
    code: reasonCode,
    message: `${words.refusedEn(paymentId)}: ${en} [${reasonCode}]`,
    messageZh: `${words.refusedZh(paymentId)}：${known?.zh ?? message ?? reasonCode}【${reasonCode}】`,
  };
}
