import type { Db } from '../store/open-database';
import { changeStatus } from '../payments/payment-repository';
import { PUSH_ANSWER_SEQ, recordHouseStep } from '../payments/house-steps';
import type { PushResponse } from '../../shared/contract/sync-protocol';
import { reasonWords } from '../../shared/domain/reason-codes';
import { getSyncNumber, setSyncState } from './sync-state';
import { markOutboxAcked, outboxPayloadOf, outboxTypeOf } from './outbox';
import { recordActionAnswer } from '../payments/payment-actions';
import { recordLiquidityAnswer } from '../liquidity/liquidity-proposals';
import { recordReorderAnswer } from '../liquidity/queue-actions';
import { recordMessageAnswer } from '../messages/message-answers';
import { isMessageMutationType as isMessageType } from '../../shared/contract/sync-protocol';

export interface Rejection {
  /** null for a refused liquidity control change (it names no payment). */
  paymentId: string | null;
  code: string;
  message: string;
  messageZh: string;
}

/**
 * Records the house's answers and its lastSeq for this device in one transaction: accepted
 * payments move queued_offline -> received (the pull brings the rest), rejected ones ->
 * rejected with the reason. A duplicate carries the original answer and is handled alike.
 */
export function applyPushResults(db: Db, response: PushResponse, at: string): { changed: string[]; rejections: Rejection[] } {
  const changed: string[] = [];
  const rejections: Rejection[] = [];
  db.transaction(() => {
    for (const result of response.results) {
      const outcome = result.status === 'duplicate' ? result.original : result.status;
      if (outcome === undefined) throw new Error(`duplicate result for seq ${result.seq} without the original answer`);
      markOutboxAcked(db, result.seq, at, outcome, result.code ?? null, result.message ?? null);
      const type = outboxTypeOf(db, result.seq);
      if (type === 'payment.cancel' || type === 'payment.return' || type === 'payment.reprioritise') {
        // The payment's new status (cancelled / returned) comes through the pull; an accepted
        // new priority is written now; a refusal leaves the payment as it was and is told to
        // the operators.
        const rejection = recordActionAnswer(db, type, result.id, outcome, result.code, result.message, at, outboxPayloadOf(db, result.seq));
        changed.push(result.id);
        if (rejection) rejections.push(rejection);
        continue;
      }
      if (type !== undefined && isMessageType(type)) {
        const rejection = recordMessageAnswer(db, type, result.id, outcome, result.code, result.message, at);
        if (rejection) rejections.push(rejection);
        continue;
      }
      if (type === 'payment.reorder') {
        const rejection = recordReorderAnswer(db, result.id, outcome, result.code, result.message, at, outboxPayloadOf(db, result.seq));
        changed.push(result.id);
        if (rejection) rejections.push(rejection);
        continue;
      }
      if (type === 'liquidity.reserve' || type === 'liquidity.limits' || type === 'liquidity.warning') {
        const rejection = recordLiquidityAnswer(db, type, result.id, outcome, result.code, result.message, at);
        if (rejection) rejections.push({ paymentId: null, ...rejection });
        continue;
      }
      if (outcome === 'accepted') {
        if (changeStatus(db, { id: result.id, from: 'queued_offline', status: 'received', at })) {
          changed.push(result.id);
          recordHouseStep(db, { paymentId: result.id, feedSeq: PUSH_ANSWER_SEQ, status: 'accepted', at });
        }
      } else {
        const code = result.code ?? 'INVALID_PAYLOAD';
        if (changeStatus(db, { id: result.id, from: 'queued_offline', status: 'rejected', reason: code, at })) {
          changed.push(result.id);
          recordHouseStep(db, { paymentId: result.id, feedSeq: PUSH_ANSWER_SEQ, status: 'rejected', reason: code, at });
          const known = reasonWords(code);
          rejections.push({
            paymentId: result.id,
            code,
            message: `Payment ${result.id} was rejected by the clearing house: ${known?.en ?? result.message ?? code}`,
            messageZh: `支付 ${result.id} 被清算中心拒绝：${known?.zh ?? result.message ?? code}`,
          });
        }
      }
    }
    // The house's lastSeq only moves forward; it is the point the next push starts after.
    if (response.lastSeq > getSyncNumber(db, 'acked_seq')) setSyncState(db, 'acked_seq', String(response.lastSeq));
  })();
  return { changed, rejections };
}
