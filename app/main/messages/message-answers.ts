import type { Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { reasonWords } from '../../shared/domain/reason-codes';
import type { MessageMutationType } from '../../shared/contract/sync-protocol';
import type { Rejection } from '../sync/apply-push-results';

const WORDS: Record<MessageMutationType, { en: string; zh: string }> = {
  'message.inquire': { en: 'the inquiry', zh: '查询' },
  'message.answer': { en: 'the answer to inquiry', zh: '查复' },
  'message.returnRequest': { en: 'the return request', zh: '退回申请' },
  'message.returnAnswer': { en: 'the answer to return request', zh: '退回申请的答复' },
  'payment.stop': { en: 'the stop of payment', zh: '止付' },
  'payment.release': { en: 'the release of payment', zh: '解除止付' },
};

/**
 * The house's answer to a message mutation, in the push-results transaction. Accepted: the
 * thread itself comes through the pull. Refused: kept in the audit trail and told to the
 * operators with the reason in both languages (the house has the last word on every check).
 */
export function recordMessageAnswer(db: Db, type: MessageMutationType, id: string, outcome: 'accepted' | 'rejected', code: string | undefined, message: string | undefined, at: string): Rejection | undefined {
  if (outcome === 'accepted') return undefined;
  const reason = code ?? 'INVALID_PAYLOAD';
  appendAudit(db, { at, actor: 'house', action: `${type}.refused`, entity: type.startsWith('payment.') ? 'payment' : 'message', entityId: id, detail: { code: reason, message: message ?? null } });
  const known = reasonWords(reason);
  const words = WORDS[type];
  return {
    paymentId: type.startsWith('payment.') ? id : null,
    code: reason,
    message: `The clearing house refused ${words.en} ${id}: ${message ?? known?.en ?? reason} [${reason}]`,
    messageZh: `清算中心拒绝了${words.zh} ${id}：${known?.zh ?? message ?? reason}【${reason}】`,
  };
}
