import type { ReasonCode } from '../domain/reason-codes';
import type { CancelCommand, ReprioritiseCommand, ReturnBillCommand } from './commands';
import { releaseReturnReservation } from './end-of-day';
import { returnBill } from './netting';
import { markImproved } from './positions';
import { dequeueRtgs, enqueueRtgsOrdered } from './rtgs-queue';
import { CHANNEL_RTGS, type EngineState, type PaymentState, type ParticipantState } from './state';

function refuse(state: EngineState, command: 'cancel' | 'reprioritise' | 'return', paymentId: string, reason: ReasonCode): void {
  state.out.push({ type: 'refused', command, paymentId, reason });
}

/** The payment if it exists and `by` (when given) is the participant allowed to act on it. */
function target(state: EngineState, paymentId: string, by: string | undefined, command: 'cancel' | 'reprioritise' | 'return'): PaymentState | undefined {
  const p = state.payments.get(paymentId);
  if (p === undefined) {
    refuse(state, command, paymentId, 'NOT_FOUND');
    return undefined;
  }
  // Only the sender may cancel or reprioritise; only the paying bank (also `from`) may return a bill.
  if (by !== undefined && by !== p.fromId) {
    refuse(state, command, paymentId, command === 'return' ? 'NOT_RETURNABLE' : 'NOT_CANCELLABLE');
    return undefined;
  }
  return p;
}

/**
 * Cancel (PR08): only while queued. A netted payment cannot be revoked (CNAPS: once admitted
 * to netting it settles with the cycle).
 */
export function cancel(state: EngineState, cmd: CancelCommand): void {
  const p = target(state, cmd.paymentId, cmd.by, 'cancel');
  if (p === undefined) return;
  if (p.status !== 'queued') {
    refuse(state, 'cancel', p.id, 'NOT_CANCELLABLE');
    return;
  }
  const from = p.from as ParticipantState;
  if (p.channel === CHANNEL_RTGS) dequeueRtgs(p);
  else if (!from.dns.remove(p)) throw new Error(`queued payment ${p.id} is in no queue`);
  p.status = 'cancelled';
  p.reason = undefined;
  releaseReturnReservation(state, p);
  state.out.push({ type: 'cancelled', paymentId: p.id });
  // What waited behind it may go now.
  markImproved(state, from);
}

/**
 * New priority for a queued payment; it keeps its arrival time within the new priority
 * (TARGET2 re-sorts by priority, then submission time). DNS admission is arrival order only,
 * so for a waiting beps or bill the priority is recorded and changes nothing else.
 */
export function reprioritise(state: EngineState, cmd: ReprioritiseCommand): void {
  const p = target(state, cmd.paymentId, cmd.by, 'reprioritise');
  if (p === undefined) return;
  if (p.status !== 'queued') {
    refuse(state, 'reprioritise', p.id, 'NOT_CANCELLABLE');
    return;
  }
  if (p.channel === CHANNEL_RTGS && p.priority !== cmd.priority) {
    dequeueRtgs(p);
    p.priority = cmd.priority;
    enqueueRtgsOrdered(p);
  } else {
    p.priority = cmd.priority;
  }
  state.out.push({ type: 'reprioritised', paymentId: p.id, priority: cmd.priority });
  // A payment moved up may now stand at the head and fit.
  if (p.channel === CHANNEL_RTGS) markImproved(state, p.from as ParticipantState);
}

/** 退票: a presented bill, netted or waiting, until its cycle closes. */
export function returnPresentedBill(state: EngineState, cmd: ReturnBillCommand): void {
  const p = target(state, cmd.paymentId, cmd.by, 'return');
  if (p === undefined) return;
  if (p.kind !== 'bill' || (p.status !== 'netted' && p.status !== 'queued')) {
    refuse(state, 'return', p.id, 'NOT_RETURNABLE');
    return;
  }
  returnBill(state, p);
}
