import type { ReasonCode } from '../domain/reason-codes';
import { takeOut } from './clock';
import type { CancelCommand, ReorderCommand, ReprioritiseCommand, ReturnBillCommand } from './commands';
import { releaseReturnReservation } from './return-reservation';
import { returnBill } from './netting';
import { markImproved } from './positions';
import { dequeueRtgs, enqueueRtgsOrdered, moveInQueue } from './rtgs-queue';
import { CHANNEL_RTGS, type EngineState, emit } from './state';
import { CANCELLED, KIND_BILL, NETTED, QUEUED, SCHEDULED } from './payment-table';

type OperatorCommand = 'cancel' | 'reprioritise' | 'return' | 'reorder';

function refuse(state: EngineState, command: OperatorCommand, paymentId: string, reason: ReasonCode): void {
  emit(state, { type: 'refused', command, paymentId, reason });
}

/** The payment's row if it exists and `by` (when given) is the participant allowed to act on it; else -1. */
function target(state: EngineState, paymentId: string, by: string | undefined, command: OperatorCommand): number {
  const row = state.rowOf(paymentId);
  if (row < 0) {
    refuse(state, command, paymentId, 'NOT_FOUND');
    return -1;
  }
  // Only the sender may cancel, reprioritise or reorder; only the paying bank (also `from`) may return a bill.
  const sender = state.participants[state.payments.from[row] as number];
  if (by !== undefined && by !== sender?.id) {
    refuse(state, command, paymentId, command === 'return' ? 'NOT_RETURNABLE' : command === 'reorder' ? 'NOT_REPRIORITISABLE' : 'NOT_CANCELLABLE');
    return -1;
  }
  return row;
}

/**
 * Cancel (PR08): only while queued or scheduled. A netted payment cannot be revoked (CNAPS:
 * once admitted to netting it settles with the cycle).
 */
export function cancel(state: EngineState, cmd: CancelCommand): void {
  const row = target(state, cmd.paymentId, cmd.by, 'cancel');
  if (row < 0) return;
  const t = state.payments;
  if (t.status[row] !== QUEUED && t.status[row] !== SCHEDULED) {
    refuse(state, 'cancel', cmd.paymentId, 'NOT_CANCELLABLE');
    return;
  }
  const from = state.fromOf(row);
  // A stopped payment (止付) is in no queue; cancelling it ends the stop.
  if (!t.stoppedBy.delete(row)) takeOut(state, row);
  t.status[row] = CANCELLED;
  t.setReason(row, undefined);
  releaseReturnReservation(state, row);
  emit(state, { type: 'cancelled', paymentId: cmd.paymentId });
  // What waited behind it may go now.
  markImproved(state, from);
}

/**
 * New priority for a queued payment; it keeps its arrival time within the new priority
 * (TARGET2 re-sorts by priority, then submission time). DNS admission is arrival order only,
 * so for a waiting beps or bill the priority is recorded and changes nothing else.
 */
export function reprioritise(state: EngineState, cmd: ReprioritiseCommand): void {
  if (cmd.priority !== 0 && cmd.priority !== 1 && cmd.priority !== 2) {
    refuse(state, 'reprioritise', cmd.paymentId, 'INVALID_PAYLOAD');
    return;
  }
  const row = target(state, cmd.paymentId, cmd.by, 'reprioritise');
  if (row < 0) return;
  const t = state.payments;
  if (t.status[row] !== QUEUED && t.status[row] !== SCHEDULED) {
    refuse(state, 'reprioritise', cmd.paymentId, 'NOT_CANCELLABLE');
    return;
  }
  // A stopped payment is in no queue: its new priority counts when it is released.
  if (t.status[row] === QUEUED && t.channel[row] === CHANNEL_RTGS && t.priority[row] !== cmd.priority && !t.stoppedBy.has(row)) {
    dequeueRtgs(state, row);
    t.priority[row] = cmd.priority;
    enqueueRtgsOrdered(state, row);
  } else {
    t.priority[row] = cmd.priority;
  }
  emit(state, { type: 'reprioritised', paymentId: cmd.paymentId, priority: cmd.priority });
  // A payment moved up may now stand at the head and fit.
  if (t.channel[row] === CHANNEL_RTGS) markImproved(state, state.fromOf(row));
}

/**
 * `reorder` (DESIGN 4.1): a queued RTGS payment to the front or back of its priority class in
 * its sender's queue; anything else is refused NOT_REPRIORITISABLE. The queue is retried.
 */
export function reorder(state: EngineState, cmd: ReorderCommand): void {
  if (cmd.to !== 'top' && cmd.to !== 'bottom') {
    refuse(state, 'reorder', cmd.paymentId, 'INVALID_PAYLOAD');
    return;
  }
  const row = target(state, cmd.paymentId, cmd.by, 'reorder');
  if (row < 0) return;
  const t = state.payments;
  if (t.status[row] !== QUEUED || t.channel[row] !== CHANNEL_RTGS || t.stoppedBy.has(row)) {
    refuse(state, 'reorder', cmd.paymentId, 'NOT_REPRIORITISABLE');
    return;
  }
  moveInQueue(state, row, cmd.to);
  emit(state, { type: 'reordered', paymentId: cmd.paymentId, to: cmd.to });
  markImproved(state, state.fromOf(row));
}

/** 退票: a presented bill, netted or waiting, until its cycle closes. */
export function returnPresentedBill(state: EngineState, cmd: ReturnBillCommand): void {
  const row = target(state, cmd.paymentId, cmd.by, 'return');
  if (row < 0) return;
  const t = state.payments;
  if (t.kind[row] !== KIND_BILL || (t.status[row] !== NETTED && t.status[row] !== QUEUED)) {
    refuse(state, 'return', cmd.paymentId, 'NOT_RETURNABLE');
    return;
  }
  returnBill(state, row);
}
