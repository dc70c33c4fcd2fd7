import { createHash, randomUUID } from 'node:crypto';
import { preparedOnce, type Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { findPayment } from '../payments/payment-repository';
import { UserError } from '../user-error';
import { appendOutbox, hasWaitingAction } from '../sync/outbox';
import { getSyncNumber } from '../sync/sync-state';
import { requireSetting } from '../settings/settings';
import type { ActionLink } from '../payments/payment-actions';
import type { MessageMutationType } from '../../shared/contract/sync-protocol';
import { stopThreadId, type InquiryReason, type RefusalReason, type ReturnReason } from '../../shared/contract/message-protocol';
import { parseAmount } from '../../shared/money/parse';
import { findThread } from './thread-store';

export interface Actor {
  username: string;
  at: string;
}

const sql = preparedOnce((db) => ({
  openReturn: db.prepare<[string], number>("SELECT count(*) FROM message_threads WHERE kind = 'return' AND payment_id = ? AND state = 'requested'").pluck(),
  waitingReturn: db.prepare<[string], number>(
    "SELECT count(*) FROM sync_outbox WHERE type = 'message.returnRequest' AND result IS NULL AND json_extract(payload, '$.paymentId') = ?",
  ).pluck(),
  insertDecision: db.prepare(
    `INSERT INTO return_decisions (id, thread_id, decision, reason_code, text, status, maker, proposed_at)
     VALUES (@id, @threadId, @decision, @reasonCode, @text, 'proposed', @maker, @at)`,
  ),
  pendingDecision: db.prepare<[string], number>("SELECT count(*) FROM return_decisions WHERE thread_id = ? AND status = 'proposed'").pluck(),
  approvedDecision: db.prepare<[string], number>("SELECT count(*) FROM return_decisions WHERE thread_id = ? AND status = 'approved'").pluck(),
  decision: db.prepare<[string], DecisionRow>('SELECT * FROM return_decisions WHERE id = ?'),
  decide: db.prepare("UPDATE return_decisions SET status = ?, checker = ?, decided_at = ? WHERE id = ? AND status = 'proposed'"),
  decisionsFor: db.prepare<[string], DecisionRow>('SELECT * FROM return_decisions WHERE thread_id = ? ORDER BY proposed_at'),
}));

export interface DecisionRow {
  id: string;
  thread_id: string;
  decision: 'accept' | 'refuse';
  reason_code: string | null;
  text: string | null;
  status: 'proposed' | 'approved' | 'rejected';
  maker: string;
  proposed_at: string;
  checker: string | null;
  decided_at: string | null;
}

export function decisionsFor(db: Db, threadId: string): DecisionRow[] {
  return sql(db).decisionsFor.all(threadId);
}

function requireLink(link: ActionLink | null): ActionLink {
  if (link === null) throw new UserError('messages.no_house_link', 'This console has no link to the clearing house; messages go through it.', '本机未连接清算中心，无法收发查询查复、退回申请或止付。');
  return link;
}

/**
 * A new thread's id: the bank, a digest of the device and the device seq its mutation takes,
 * so two consoles never make the same id and it stays within the house's 60 characters.
 */
function newThreadId(db: Db, selfId: string): string {
  const device = createHash('sha256').update(requireSetting(db, 'device_id')).digest('hex').slice(0, 8);
  return `${selfId}.${device}.${getSyncNumber(db, 'device_seq') + 1}`;
}

/** Writes the mutation and its audit entry in one transaction, then pushes at once. */
function send(db: Db, link: ActionLink | null, work: () => { type: MessageMutationType; id: string; payload: unknown; audit: string; entityId: string; detail: Record<string, unknown> }, actor: Actor): string {
  const live = requireLink(link);
  const id = db.transaction(() => {
    const m = work();
    const seq = appendOutbox(db, m.type, m.id, m.payload, actor.at);
    appendAudit(db, { at: actor.at, actor: actor.username, action: m.audit, entity: 'payment', entityId: m.entityId, detail: { ...m.detail, thread: m.id, seq } });
    return m.id;
  })();
  queueMicrotask(live.nudge);
  return id;
}

function requirePayment(db: Db, paymentId: string) {
  const payment = findPayment(db, paymentId);
  if (payment === undefined) throw new UserError('not_found', `No payment ${paymentId}.`, `支付 ${paymentId} 不存在。`);
  return payment;
}

/** 查询: ask the other bank about a payment the house knows (not a draft, nor one still on this console). */
export function sendInquiry(db: Db, link: ActionLink | null, input: { paymentId: string; reasonCode: InquiryReason; text: string }, selfId: string, actor: Actor): string {
  return send(db, link, () => {
    const payment = requirePayment(db, input.paymentId);
    if (payment.status === 'draft' || payment.status === 'verified' || payment.status === 'held') {
      throw new UserError('messages.not_sent', `Payment ${payment.id} has not gone to the clearing house; there is nothing to ask about yet.`, `支付 ${payment.id} 尚未发往清算中心，无从查询。`);
    }
    return {
      type: 'message.inquire',
      id: newThreadId(db, selfId),
      payload: { paymentId: payment.id, reasonCode: input.reasonCode, text: input.text.trim() },
      audit: 'message.inquiry_sent',
      entityId: payment.id,
      detail: { reasonCode: input.reasonCode },
    };
  }, actor);
}

/** 查复: answer an open inquiry this bank was asked. */
export function sendAnswer(db: Db, link: ActionLink | null, input: { threadId: string; text: string }, selfId: string, actor: Actor): string {
  return send(db, link, () => {
    const thread = findThread(db, input.threadId);
    if (thread === undefined || thread.kind !== 'inquiry' || thread.to !== selfId) throw new UserError('not_found', `No inquiry ${input.threadId} to this bank.`, `没有发给本行的查询 ${input.threadId}。`);
    if (thread.state !== 'open' || hasWaitingAction(db, 'message.answer', thread.id)) {
      throw new UserError('messages.already_answered', `Inquiry ${thread.id} is already answered.`, `查询 ${thread.id} 已查复。`);
    }
    return { type: 'message.answer', id: thread.id, payload: { text: input.text.trim() }, audit: 'message.answer_sent', entityId: thread.paymentId, detail: {} };
  }, actor);
}

/** 退回申请 (camt.056): ask for an own settled hvps/beps payment back, all or part. */
export function sendReturnRequest(db: Db, link: ActionLink | null, input: { paymentId: string; amount?: string; reasonCode: ReturnReason; text: string }, selfId: string, actor: Actor): string {
  return send(db, link, () => {
    const payment = requirePayment(db, input.paymentId);
    if (payment.direction !== 'out' || payment.status !== 'settled' || (payment.kind !== 'hvps' && payment.kind !== 'beps')) {
      throw new UserError('messages.not_returnable', `Payment ${payment.id} cannot be asked back: only this bank's own settled HVPS or BEPS payments can.`, `支付 ${payment.id} 不能申请退回：只能对本行已清算的大额或小额往账申请退回。`);
    }
    if (input.amount !== undefined && parseAmount(input.amount, 'CNY') > payment.amount_minor) {
      throw new UserError('messages.amount_too_large', `The amount asked back exceeds the payment's ${payment.id}.`, `申请退回金额超过原支付 ${payment.id} 的金额。`);
    }
    if ((sql(db).openReturn.get(payment.id) ?? 0) > 0 || (sql(db).waitingReturn.get(payment.id) ?? 0) > 0) {
      throw new UserError('messages.return_pending', `A return request for ${payment.id} is already waiting for an answer.`, `支付 ${payment.id} 已有待答复的退回申请。`);
    }
    return {
      type: 'message.returnRequest',
      id: newThreadId(db, selfId),
      payload: { paymentId: payment.id, reasonCode: input.reasonCode, text: input.text.trim(), ...(input.amount === undefined ? {} : { amount: input.amount }) },
      audit: 'message.return_request_sent',
      entityId: payment.id,
      detail: { reasonCode: input.reasonCode, ...(input.amount === undefined ? {} : { amount: input.amount }) },
    };
  }, actor);
}

/** The receiving bank's clerk proposes the answer to a return request; another operator approves it (maker-checker). */
export function proposeReturnDecision(
  db: Db,
  input: { threadId: string; decision: 'accept' | 'refuse'; reasonCode?: RefusalReason; text?: string },
  selfId: string,
  actor: Actor,
): string {
  return db.transaction(() => {
    const thread = findThread(db, input.threadId);
    if (thread === undefined || thread.kind !== 'return' || thread.to !== selfId) throw new UserError('not_found', `No return request ${input.threadId} to this bank.`, `没有发给本行的退回申请 ${input.threadId}。`);
    if (thread.state !== 'requested' || (sql(db).approvedDecision.get(thread.id) ?? 0) > 0) {
      throw new UserError('messages.already_answered', `Return request ${thread.id} is already answered.`, `退回申请 ${thread.id} 已答复。`);
    }
    if ((sql(db).pendingDecision.get(thread.id) ?? 0) > 0) {
      throw new UserError('messages.decision_pending', `An answer to ${thread.id} is already waiting for approval.`, `退回申请 ${thread.id} 已有待复核的答复。`);
    }
    if (input.decision === 'refuse' && input.reasonCode === undefined) {
      throw new UserError('messages.reason_required', 'A refusal needs its reason.', '拒绝退回须选择原因。');
    }
    const id = `RD-${randomUUID()}`;
    sql(db).insertDecision.run({ id, threadId: thread.id, decision: input.decision, reasonCode: input.reasonCode ?? null, text: input.text?.trim() || null, maker: actor.username, at: actor.at });
    appendAudit(db, { at: actor.at, actor: actor.username, action: 'message.return_decision_proposed', entity: 'payment', entityId: thread.paymentId, detail: { thread: thread.id, decision: input.decision, reasonCode: input.reasonCode ?? null } });
    return id;
  })();
}

/** The checker approves (the answer goes to the house) or rejects a proposed answer. */
export function decideReturnDecision(db: Db, link: ActionLink | null, input: { decisionId: string; approve: boolean }, actor: Actor): void {
  const apply = (): void => {
    const decision = sql(db).decision.get(input.decisionId);
    if (decision === undefined || decision.status !== 'proposed') throw new UserError('not_found', `No answer ${input.decisionId} waiting for approval.`, `没有待复核的答复 ${input.decisionId}。`);
    if (decision.maker === actor.username) throw new UserError('messages.same_operator', 'The operator who proposed the answer cannot approve it.', '经办人不能复核自己提交的答复。');
    sql(db).decide.run(input.approve ? 'approved' : 'rejected', actor.username, actor.at, decision.id);
    const thread = findThread(db, decision.thread_id);
    const paymentId = thread?.paymentId ?? decision.thread_id;
    if (input.approve) {
      const payload = decision.decision === 'accept'
        ? { decision: 'accept', ...(decision.text === null ? {} : { text: decision.text }) }
        : { decision: 'refuse', reasonCode: decision.reason_code, ...(decision.text === null ? {} : { text: decision.text }) };
      const seq = appendOutbox(db, 'message.returnAnswer', decision.thread_id, payload, actor.at);
      appendAudit(db, { at: actor.at, actor: actor.username, action: 'message.return_decision_approved', entity: 'payment', entityId: paymentId, detail: { thread: decision.thread_id, decision: decision.decision, maker: decision.maker, seq } });
    } else {
      appendAudit(db, { at: actor.at, actor: actor.username, action: 'message.return_decision_rejected', entity: 'payment', entityId: paymentId, detail: { thread: decision.thread_id, decision: decision.decision, maker: decision.maker } });
    }
  };
  if (input.approve) {
    const live = requireLink(link);
    db.transaction(apply)();
    queueMicrotask(live.nudge);
  } else {
    db.transaction(apply)();
  }
}

/** 止付 / 解除止付 of an own outgoing payment still waiting at the house (a supervisor's act, with a reason). */
export function sendStop(db: Db, link: ActionLink | null, input: { id: string; reason: string; release: boolean }, selfId: string, actor: Actor): void {
  const type = input.release ? 'payment.release' : 'payment.stop';
  send(db, link, () => {
    const payment = requirePayment(db, input.id);
    const waiting = payment.status === 'queued' || payment.status === 'scheduled' || payment.status === 'received' || payment.status === 'queued_offline';
    if (payment.direction !== 'out' || payment.kind === 'bill' || !waiting) {
      throw new UserError('messages.not_stoppable', `Payment ${payment.id} (${payment.status}) cannot be stopped: only this bank's own payments still waiting at the clearing house can.`, `支付 ${payment.id}（${payment.status}）不能止付：只能止付本行在清算中心排队或待结算的往账。`);
    }
    const stop = findThread(db, stopThreadId(payment.id));
    const stopped = stop !== undefined && stop.state === 'stopped';
    if (input.release && !stopped) throw new UserError('messages.not_stopped', `Payment ${payment.id} is not stopped.`, `支付 ${payment.id} 未止付。`);
    if (input.release && stop?.from !== selfId) throw new UserError('messages.centre_stop', `The clearing centre stopped payment ${payment.id}; only it can release it.`, `支付 ${payment.id} 由清算中心止付，只能由清算中心解除。`);
    if (!input.release && stopped) throw new UserError('messages.already_stopped', `Payment ${payment.id} is already stopped.`, `支付 ${payment.id} 已止付。`);
    if (hasWaitingAction(db, 'payment.stop', payment.id) || hasWaitingAction(db, 'payment.release', payment.id)) {
      throw new UserError('payments.action_pending', `A stop or release of ${payment.id} is already with the clearing house.`, `支付 ${payment.id} 的止付或解除申请已提交清算中心。`);
    }
    return { type, id: payment.id, payload: { reason: input.reason.trim() }, audit: input.release ? 'payment.release_requested' : 'payment.stop_requested', entityId: payment.id, detail: { reason: input.reason.trim() } };
  }, actor);
}
