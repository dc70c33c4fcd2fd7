import type { PushResult } from '../../shared/contract/sync-protocol';
import { paymentActionPayloadSchema } from '../../shared/contract/sync-protocol';
import type { CancelCommand, ReturnBillCommand } from '../../shared/clearing/commands';
import { applyEvents } from './apply-events';
import { reasonMessage, type PushContext } from './push-mutations';

type Refusal = { code: string; message: string };

/** A payment.cancel or payment.return mutation, after the house checked its envelope. */
export interface ActionMutation {
  seq: number;
  id: string;
  type: 'payment.cancel' | 'payment.return';
  payload: unknown;
}

/**
 * Applies a console's cancel (撤销) or bill return (退票) to the engine for the token's
 * participant. The engine's own rules decide: only the sender (`from`) may cancel, and only
 * while the payment is queued; only the paying bank (a bill's `from`) may return a bill, while
 * it is netted or waiting in the open cycle. A bill is never "cancelled" through the protocol:
 * its presenter cannot (it is not `from`) and its paying bank returns it instead.
 * A refusal changes nothing and is answered 'rejected' with the engine's reason code; an
 * applied command is journaled with its device seq (the record a replayed seq is answered
 * from) and audited with the operator's reason, in the batch's transaction.
 */
export function applyPaymentAction(context: PushContext, mutation: ActionMutation, deviceId: string): { ok: true; result: PushResult } | ({ ok: false } & Refusal) {
  const { engine, batch, participantId } = context;
  const parsed = paymentActionPayloadSchema.safeParse(mutation.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, code: 'INVALID_PAYLOAD', message: `${where}${issue?.message ?? 'malformed payload'}` };
  }
  const payment = engine.payment(mutation.id);
  if (payment === undefined) return { ok: false, code: 'NOT_FOUND', message: `${reasonMessage('NOT_FOUND')}: ${mutation.id}` };
  const isCancel = mutation.type === 'payment.cancel';
  if (isCancel && payment.kind === 'bill') {
    return { ok: false, code: 'NOT_CANCELLABLE', message: 'A presented bill is not cancelled; its paying bank returns it (payment.return).' };
  }
  const command: CancelCommand | ReturnBillCommand = isCancel
    ? { type: 'cancel', paymentId: mutation.id, by: participantId }
    : { type: 'return', paymentId: mutation.id, by: participantId };
  const events = engine.apply(command);
  const refused = events.find((e) => e.type === 'refused');
  if (refused) {
    // A refused command changed nothing in the engine, so it needs no journal row to replay.
    const byOther = payment.from !== participantId;
    const why = byOther ? (isCancel ? 'only the sending bank may cancel a payment' : 'only the paying bank may return a bill') : reasonMessage(refused.reason);
    return { ok: false, code: refused.reason, message: why };
  }
  const cmdSeq = batch.nextCmdSeq();
  batch.journal.push({ cmdSeq, command, deviceId, deviceSeq: mutation.seq });
  applyEvents(batch, events, context.businessDate);
  batch.audit.push({
    at: new Date(context.nowMs).toISOString(),
    actor: `participant:${participantId}`,
    action: isCancel ? 'payment.cancelled' : 'bill.returned',
    entity: 'payment',
    entityId: mutation.id,
    detail: { reason: parsed.data.reason, deviceId, seq: mutation.seq },
  });
  return { ok: true, result: { seq: mutation.seq, id: mutation.id, status: 'accepted' } };
}
