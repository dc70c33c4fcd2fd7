import type { z } from 'zod';
import type { MessageMutationType, PushResult } from '../../shared/contract/sync-protocol';
import {
  answerPayloadSchema,
  inquirePayloadSchema,
  returnAnswerPayloadSchema,
  returnRequestPayloadSchema,
  stopPayloadSchema,
  type MessageThread,
  type ThreadEntry,
} from '../../shared/contract/message-protocol';
import type { PayCommand } from '../../shared/clearing/commands';
import { formatAmount } from '../../shared/money/format';
import { parseAmount } from '../../shared/money/parse';
import { reasonMessage } from '../../shared/domain/reason-codes';
import type { PushContext } from '../engine/push-context';
import { applyEvents } from '../engine/apply-events';
import { paymentSummary, publishThread, threadOf, type MessageContext } from './thread-lookup';
import { recordStop } from './stop-thread';

type Refusal = { code: string; message: string };
type Outcome = { ok: true; result: PushResult } | ({ ok: false } & Refusal);

export interface MessageMutation {
  seq: number;
  id: string;
  type: MessageMutationType;
  payload: unknown;
}

/** Thread ids leave room for the return payment's `.R` within a payment id's 64 characters. */
const MAX_THREAD_ID_CHARS = 60;

function parse<T>(schema: z.ZodType<T>, raw: unknown): { ok: true; data: T } | ({ ok: false } & Refusal) {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, code: 'INVALID_PAYLOAD', message: `${where}${issue?.message ?? 'malformed payload'}` };
}

const refuse = (code: string, message: string): { ok: false } & Refusal => ({ ok: false, code, message });

/**
 * Applies one message mutation for the token's bank: an inquiry or its answer, a return
 * request or its answer (an accepted return submits the pacs.004 payment to the engine), a
 * stop or a release (engine commands). An applied one is recorded against its thread (or
 * journaled) in the batch's transaction and audited; a refusal changes nothing.
 */
export function applyMessageMutation(context: PushContext, messages: MessageContext, mutation: MessageMutation, deviceId: string): Outcome {
  if (mutation.type === 'payment.stop' || mutation.type === 'payment.release') {
    const payload = parse(stopPayloadSchema, mutation.payload);
    if (!payload.ok) return payload;
    const outcome = recordStop(context, messages.committed, { paymentId: mutation.id, release: mutation.type === 'payment.release', reason: payload.data.reason, by: context.participantId, deviceId, deviceSeq: mutation.seq });
    return outcome.ok ? { ok: true, result: { seq: mutation.seq, id: mutation.id, status: 'accepted' } } : outcome;
  }
  const outcome = applyThreadStep(context, messages, mutation);
  if (!outcome.ok) return outcome;
  const { thread, audit } = outcome;
  publishThread(context.batch, thread);
  context.batch.messageRecords.push({ deviceId, deviceSeq: mutation.seq, threadId: thread.id });
  context.batch.audit.push({
    at: new Date(context.nowMs).toISOString(),
    actor: `participant:${context.participantId}`,
    action: audit,
    entity: 'payment',
    entityId: thread.paymentId,
    detail: { thread: thread.id, state: thread.state, deviceId, seq: mutation.seq },
  });
  return { ok: true, result: { seq: mutation.seq, id: mutation.id, status: 'accepted' } };
}

type Step = { ok: true; thread: MessageThread; audit: string } | ({ ok: false } & Refusal);

function applyThreadStep(context: PushContext, messages: MessageContext, mutation: MessageMutation): Step {
  const { batch, engine, participantId } = context;
  const at = new Date(context.nowMs).toISOString();
  const existing = threadOf(batch, messages.committed, mutation.id);
  const entry = (action: ThreadEntry['action'], extra: Partial<ThreadEntry> = {}): ThreadEntry => ({ at, by: participantId, action, ...extra });
  switch (mutation.type) {
    case 'message.inquire':
    case 'message.returnRequest': {
      if (existing !== undefined) return refuse('DUPLICATE_ID', `${reasonMessage('DUPLICATE_ID')}: thread ${mutation.id}`);
      if (mutation.id.length > MAX_THREAD_ID_CHARS) return refuse('INVALID_PAYLOAD', `a thread id is at most ${MAX_THREAD_ID_CHARS} characters`);
      const isInquiry = mutation.type === 'message.inquire';
      const payload = isInquiry ? parse(inquirePayloadSchema, mutation.payload) : parse(returnRequestPayloadSchema, mutation.payload);
      if (!payload.ok) return payload;
      const payment = paymentSummary(engine, payload.data.paymentId);
      // Another bank's payment reads exactly as an unknown one.
      if (payment === undefined || (payment.from !== participantId && payment.to !== participantId)) {
        return refuse('NOT_FOUND', `${reasonMessage('NOT_FOUND')}: ${payload.data.paymentId}`);
      }
      const other = payment.from === participantId ? payment.to : payment.from;
      const base = { id: mutation.id, paymentId: payload.data.paymentId, from: participantId, to: other, businessDate: context.businessDate, payment };
      if (isInquiry) {
        const data = inquirePayloadSchema.parse(payload.data);
        return {
          ok: true,
          audit: 'message.inquired',
          thread: { ...base, kind: 'inquiry', state: 'open', dueBy: messages.dueBy, entries: [entry('ask', { reasonCode: data.reasonCode, text: data.text })] },
        };
      }
      const data = returnRequestPayloadSchema.parse(payload.data);
      const left = returnableMinor(engine, data.paymentId, participantId);
      if (left === undefined) return refuse('NOT_RETURNABLE', 'only the sending bank may ask for a settled hvps or beps payment back');
      const amountMinor = data.amount === undefined ? left : parseAmount(data.amount, 'CNY');
      if (amountMinor > left) return refuse('NOT_RETURNABLE', `at most ${formatAmount(left, 'CNY')} of ${data.paymentId} is left to return`);
      if (openReturnOn(batch, messages.committed, data.paymentId)) return refuse('NOT_RETURNABLE', `a return request for ${data.paymentId} is already waiting for an answer`);
      return {
        ok: true,
        audit: 'message.return_requested',
        thread: { ...base, kind: 'return', state: 'requested', amount: formatAmount(amountMinor, 'CNY'), entries: [entry('request', { reasonCode: data.reasonCode, text: data.text })] },
      };
    }
    case 'message.answer': {
      const payload = parse(answerPayloadSchema, mutation.payload);
      if (!payload.ok) return payload;
      if (existing === undefined || existing.kind !== 'inquiry' || existing.to !== participantId) return refuse('NOT_FOUND', `no inquiry ${mutation.id} to this bank`);
      if (existing.state !== 'open') return refuse('ALREADY_ANSWERED', `inquiry ${mutation.id} is already answered`);
      return { ok: true, audit: 'message.answered', thread: { ...existing, state: 'answered', entries: [...existing.entries, entry('answer', { text: payload.data.text })] } };
    }
    case 'message.returnAnswer': {
      const payload = parse(returnAnswerPayloadSchema, mutation.payload);
      if (!payload.ok) return payload;
      if (existing === undefined || existing.kind !== 'return' || existing.to !== participantId) return refuse('NOT_FOUND', `no return request ${mutation.id} to this bank`);
      if (existing.state !== 'requested') return refuse('ALREADY_ANSWERED', `return request ${mutation.id} is already answered`);
      const text = payload.data.text === undefined ? {} : { text: payload.data.text };
      if (payload.data.decision === 'refuse') {
        return { ok: true, audit: 'message.return_refused', thread: { ...existing, state: 'refused', entries: [...existing.entries, entry('refuse', { reasonCode: payload.data.reasonCode, ...text })] } };
      }
      const returned = submitReturn(context, messages, existing);
      if (!returned.ok) return returned;
      return {
        ok: true,
        audit: 'message.return_accepted',
        thread: { ...existing, state: 'accepted', returnPaymentId: returned.paymentId, entries: [...existing.entries, entry('accept', text)] },
      };
    }
    default:
      throw new Error(`not a thread mutation: ${mutation.type}`);
  }
}

/** What is left to send back of a settled hvps/beps payment, when `requester` is its sender; else undefined. */
function returnableMinor(engine: PushContext['engine'], paymentId: string, requester: string): bigint | undefined {
  const p = engine.payment(paymentId);
  if (p === undefined || p.from !== requester || p.status !== 'settled' || (p.kind !== 'hvps' && p.kind !== 'beps')) return undefined;
  const left = p.amountMinor - (p.returnedMinor ?? 0n);
  return left > 0n ? left : undefined;
}

function openReturnOn(batch: PushContext['batch'], committed: ReadonlyMap<string, MessageThread>, paymentId: string): boolean {
  const open = (t: MessageThread) => t.kind === 'return' && t.paymentId === paymentId && t.state === 'requested';
  for (const t of batch.threads.values()) if (open(t)) return true;
  for (const t of committed.values()) if (open(t) && !batch.threads.has(t.id)) return true;
  return false;
}

/**
 * The pacs.004: the receiving bank pays the amount back to the original sender, through the
 * engine like any payment (gross for hvps, in a cycle for beps; it queues if the bank lacks
 * liquidity). The row is the receiving bank's payment: it hears its status, and the original
 * sender sees it as inbound once it settles.
 */
function submitReturn(context: PushContext, messages: MessageContext, thread: MessageThread): { ok: true; paymentId: string } | ({ ok: false } & Refusal) {
  const { engine, batch, participantId } = context;
  const amountMinor = parseAmount(thread.amount ?? thread.payment.amount, 'CNY');
  const left = returnableMinor(engine, thread.paymentId, thread.from);
  if (left === undefined || amountMinor > left) return refuse('NOT_RETURNABLE', `${reasonMessage('NOT_RETURNABLE')}: ${thread.paymentId}`);
  const id = `${thread.id}.R`;
  if (batch.newPayments.has(id) || engine.payment(id) !== undefined) return refuse('DUPLICATE_ID', reasonMessage('DUPLICATE_ID'));
  const original = messages.details.get(thread.paymentId) ?? {};
  const details: Record<string, unknown> = {
    debtor: original.creditor ?? { name: participantId, account: '-' },
    creditor: original.debtor ?? { name: thread.from, account: '-' },
    purpose: `退回 ${thread.paymentId}`,
    originalId: thread.paymentId,
    thread: thread.id,
  };
  const kind = thread.payment.kind === 'beps' ? 'beps' : 'hvps';
  const command: PayCommand = { type: 'pay', id, kind: 'return', from: participantId, to: thread.from, amountMinor, priority: 2, currency: 'CNY', originalId: thread.paymentId };
  const cmdSeq = batch.nextCmdSeq();
  batch.newPayments.set(id, {
    id,
    cmdSeq,
    deviceId: null,
    deviceSeq: null,
    submitterId: participantId,
    counterpartyId: thread.from,
    fromId: participantId,
    toId: thread.from,
    kind: 'return',
    priority: 2,
    amountMinor,
    currency: 'CNY',
    details: { ...details, channel: kind },
    businessDate: context.businessDate,
    receivedAtMs: context.nowMs,
    admission: 'accepted',
    status: 'received',
    reason: null,
    changeSeq: batch.nextChangeSeq(),
    cycleId: null,
  });
  applyEvents(batch, engine.apply(command), context.businessDate);
  const row = batch.newPayments.get(id);
  // Checked above: an engine that still rejects it disagrees with the house, which is a bug.
  if (row === undefined || row.status === 'rejected') throw new Error(`return ${id} of ${thread.paymentId} rejected by the engine (${row?.reason ?? 'missing'})`);
  return { ok: true, paymentId: id };
}
