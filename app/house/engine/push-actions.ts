import type { PaymentActionType, PushResult } from '../../shared/contract/sync-protocol';
import { paymentActionPayloadSchema, paymentReprioritisePayloadSchema } from '../../shared/contract/sync-protocol';
import type { CancelCommand, ReprioritiseCommand, ReturnBillCommand } from '../../shared/clearing/commands';
import { applyEvents } from './apply-events';
import { reasonMessage } from '../../shared/domain/reason-codes';
import type { PushContext } from './push-context';

type Refusal = { code: string; message: string };

/** A payment.cancel, payment.return or payment.reprioritise mutation, after the house checked its envelope. */
export interface ActionMutation {
  seq: number;
  id: string;
  type: PaymentActionType;
  payload: unknown;
}

/** Per action: its payload schema, the engine command, the audit action and the refusal words. */
const ACTIONS = {
  'payment.cancel': { audit: 'payment.cancelled', refusal: 'NOT_CANCELLABLE', byOther: 'only the sending bank may cancel a payment' },
  'payment.return': { audit: 'bill.returned', refusal: 'NOT_RETURNABLE', byOther: 'only the paying bank may return a bill' },
  'payment.reprioritise': { audit: 'payment.reprioritised', refusal: 'NOT_REPRIORITISABLE', byOther: 'only the sending bank may change a payment\'s priority' },
} as const;

type ParsedAction = { ok: true; command: CancelCommand | ReturnBillCommand | ReprioritiseCommand; detail: Record<string, unknown> } | ({ ok: false } & Refusal);

function parseAction(mutation: ActionMutation, participantId: string): ParsedAction {
  const parsed =
    mutation.type === 'payment.reprioritise' ? paymentReprioritisePayloadSchema.safeParse(mutation.payload) : paymentActionPayloadSchema.safeParse(mutation.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, code: 'INVALID_PAYLOAD', message: `${where}${issue?.message ?? 'malformed payload'}` };
  }
  const base = { paymentId: mutation.id, by: participantId };
  switch (mutation.type) {
    case 'payment.cancel':
      return { ok: true, command: { type: 'cancel', ...base }, detail: { reason: parsed.data.reason } };
    case 'payment.return':
      return { ok: true, command: { type: 'return', ...base }, detail: { reason: parsed.data.reason } };
    case 'payment.reprioritise': {
      const { priority, reason } = paymentReprioritisePayloadSchema.parse(parsed.data);
      return { ok: true, command: { type: 'reprioritise', ...base, priority }, detail: { reason, priority } };
    }
  }
}

/**
 * Applies a console's cancel (撤销), bill return (退票) or reprioritise (调整优先级) to the
 * engine for the token's participant. The engine's own rules decide: only the sender (`from`)
 * may cancel or reprioritise, and only while the payment is queued (RTGS: it moves within the
 * queue by its new priority, keeping its arrival time; DNS: the priority is recorded only);
 * only the paying bank (a bill's `from`) may return a bill, while it is netted or waiting in
 * the open cycle. A bill is never "cancelled" or reprioritised through the protocol: its
 * presenter cannot (it is not `from`) and its paying bank returns it instead.
 * A refusal changes nothing and is answered 'rejected' with the action's reason code; an
 * applied command is journaled with its device seq (the record a replayed seq is answered
 * from) and audited with the operator's reason, in the batch's transaction.
 */
export function applyPaymentAction(context: PushContext, mutation: ActionMutation, deviceId: string): { ok: true; result: PushResult } | ({ ok: false } & Refusal) {
  const { engine, batch, participantId } = context;
  const words = ACTIONS[mutation.type];
  const action = parseAction(mutation, participantId);
  if (!action.ok) return action;
  const payment = engine.payment(mutation.id);
  if (payment === undefined) return { ok: false, code: 'NOT_FOUND', message: `${reasonMessage('NOT_FOUND')}: ${mutation.id}` };
  if (mutation.type !== 'payment.return' && payment.kind === 'bill') {
    return { ok: false, code: words.refusal, message: 'A presented bill is not cancelled or reprioritised; its paying bank returns it (payment.return).' };
  }
  const command = action.command;
  const events = engine.apply(command);
  const refused = events.find((e) => e.type === 'refused');
  if (refused) {
    // A refused command changed nothing in the engine, so it needs no journal row to replay.
    // The engine says NOT_CANCELLABLE for a reprioritise it refuses; the console hears its own code.
    const byOther = payment.from !== participantId;
    const code = refused.reason === 'NOT_CANCELLABLE' || refused.reason === 'NOT_RETURNABLE' ? words.refusal : refused.reason;
    return { ok: false, code, message: byOther ? words.byOther : reasonMessage(code) };
  }
  const cmdSeq = batch.nextCmdSeq();
  batch.journal.push({ cmdSeq, command, deviceId, deviceSeq: mutation.seq });
  applyEvents(batch, events, context.businessDate);
  // A return takes the bill out of both banks' net positions, and the events name no
  // participant: rewrite both positions, or the store disagrees with the engine on restart.
  batch.touchedParticipants.add(payment.from).add(payment.to);
  batch.audit.push({
    at: new Date(context.nowMs).toISOString(),
    actor: `participant:${participantId}`,
    action: words.audit,
    entity: 'payment',
    entityId: mutation.id,
    detail: { ...action.detail, deviceId, seq: mutation.seq },
  });
  return { ok: true, result: { seq: mutation.seq, id: mutation.id, status: 'accepted' } };
}
