import type { Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { findPayment } from '../payments/payment-repository';
import type { PaymentDbRow } from '../payments/payment-record';
import { UserError } from '../user-error';
import { REASON_CODES, isReasonCode } from '../../shared/domain/reason-codes';
import type { PaymentActionPayload } from '../../shared/contract/sync-protocol';
import { appendOutbox, hasLiveAction } from './outbox';

export type PaymentActionType = 'payment.cancel' | 'payment.return';

/** Local statuses a cancel may still catch: the house cancels only a queued payment, and decides. */
export const CANCELLABLE_STATUSES: ReadonlySet<string> = new Set(['queued_offline', 'received', 'queued']);
/** A received bill may be returned while its cycle is open (the house decides). */
export const RETURNABLE_STATUSES: ReadonlySet<string> = new Set(['netted', 'queued']);

/** Consoles whose store has a house link (the sync extension installed the outbox). */
const links = new WeakMap<Db, () => void>();

/** The sync extension calls this: cancel and return need the outbox; `nudge` pushes at once. */
export function installActionLink(db: Db, nudge: () => void): () => void {
  links.set(db, nudge);
  return () => links.delete(db);
}

export interface ActionRequest {
  type: PaymentActionType;
  id: string;
  reason: string;
  username: string;
  at: string;
}

const ACTION_WORDS = {
  'payment.cancel': { en: 'cancel', zh: '撤销', requested: 'payment.cancel_requested', refused: 'payment.cancel_refused', accepted: 'payment.cancel_accepted' },
  'payment.return': { en: 'return', zh: '退票', requested: 'payment.return_requested', refused: 'payment.return_refused', accepted: 'payment.return_accepted' },
} as const;

/**
 * A supervisor asks the house to cancel an own unsettled payment (撤销) or to return a received
 * bill (退票). The request is checked against what this console knows, audited in the payment's
 * history with the reason, and written to the outbox in ONE transaction; the house decides and
 * its answer comes back through the push result (refusal: alert) and the pull (new status).
 */
export function requestPaymentAction(db: Db, request: ActionRequest): PaymentDbRow {
  const nudge = links.get(db);
  if (nudge === undefined) {
    throw new UserError('payments.no_house_link', 'This console has no link to the clearing house; nothing to cancel or return there.', '本机未连接清算中心，无法撤销或退票。');
  }
  const words = ACTION_WORDS[request.type];
  const reason = request.reason.trim();
  const row = db.transaction(() => {
    const payment = findPayment(db, request.id);
    if (payment === undefined) throw new UserError('not_found', `No payment ${request.id}.`, `支付 ${request.id} 不存在。`);
    if (request.type === 'payment.cancel') {
      if (payment.direction !== 'out' || payment.kind === 'bill' || !CANCELLABLE_STATUSES.has(payment.status)) {
        throw new UserError(
          'payments.not_cancellable',
          `Payment ${payment.id} (${payment.status}) cannot be cancelled: only this bank's own unsettled outgoing payments can.`,
          `支付 ${payment.id}（${payment.status}）不能撤销：只能撤销本行未清算的往账。`,
        );
      }
    } else if (payment.direction !== 'in' || payment.kind !== 'bill' || !RETURNABLE_STATUSES.has(payment.status)) {
      throw new UserError(
        'payments.not_returnable',
        `Payment ${payment.id} cannot be returned: only a received bill can, before its cycle closes.`,
        `支付 ${payment.id} 不能退票：只能退回本行收到、场次尚未轧差结算的票据。`,
      );
    }
    if (hasLiveAction(db, request.type, payment.id)) {
      throw new UserError('payments.action_pending', `A ${words.en} of ${payment.id} is already with the clearing house.`, `支付 ${payment.id} 的${words.zh}申请已提交清算中心。`);
    }
    const payload: PaymentActionPayload = { reason };
    const seq = appendOutbox(db, request.type, payment.id, payload, request.at);
    appendAudit(db, { at: request.at, actor: request.username, action: words.requested, entity: 'payment', entityId: payment.id, detail: { reason, seq } });
    return payment;
  })();
  // Push after the transaction committed, not inside it.
  queueMicrotask(nudge);
  return row;
}

export interface ActionRejection {
  paymentId: string;
  code: string;
  message: string;
  messageZh: string;
}

/**
 * The house's answer to a cancel or return, in the push-results transaction: kept in the
 * payment's history; a refusal becomes an alert naming the reason in both languages.
 */
export function recordActionAnswer(
  db: Db,
  type: PaymentActionType,
  paymentId: string,
  outcome: 'accepted' | 'rejected',
  code: string | undefined,
  message: string | undefined,
  at: string,
): ActionRejection | undefined {
  const words = ACTION_WORDS[type];
  if (outcome === 'accepted') {
    appendAudit(db, { at, actor: 'house', action: words.accepted, entity: 'payment', entityId: paymentId, detail: {} });
    return undefined;
  }
  const reasonCode = code ?? 'INVALID_PAYLOAD';
  const known = isReasonCode(reasonCode) ? REASON_CODES[reasonCode] : undefined;
  appendAudit(db, { at, actor: 'house', action: words.refused, entity: 'payment', entityId: paymentId, detail: { code: reasonCode, message: message ?? null } });
  const en = known ? `${known.en}${message && message !== known.en ? ` (${message})` : ''}` : (message ?? reasonCode);
  return {
    paymentId,
    code: reasonCode,
    message: `The clearing house refused to ${words.en} payment ${paymentId}: ${en} [${reasonCode}]`,
    messageZh: `清算中心拒绝${words.zh}支付 ${paymentId}：${known?.zh ?? message ?? reasonCode}【${reasonCode}】`,
  };
}
