import type { ReasonCode } from '../domain/reason-codes';
import { enter, isDue, schedule, takeOut } from './clock';
import type { ReleaseCommand, StopCommand } from './commands';
import { markImproved } from './positions';
import { CENTRE_STOP, KIND_BILL, QUEUED, SCHEDULED } from './payment-table';
import { submitNet } from './netting';
import { submitGross } from './rtgs';
import { CHANNEL_RTGS, type EngineState, emit } from './state';

function refuse(state: EngineState, command: 'stop' | 'release', paymentId: string, reason: ReasonCode): void {
  emit(state, { type: 'refused', command, paymentId, reason });
}

/** True while a payment is stopped (止付). */
export function isStopped(state: EngineState, row: number): boolean {
  return state.payments.stoppedBy.has(row);
}

/**
 * 止付 (stop payment pending investigation): a queued or scheduled hvps, beps or return payment
 * leaves its queue or the schedule, so it cannot settle, be netted or enter, and what waited
 * behind it may go. Its status stays queued or scheduled (the house shows the stop beside it).
 * A bank (`by`) may stop only its own outgoing payments; the centre (no `by`) any. A presented
 * bill is not stopped: its paying bank returns it (退票) instead.
 */
export function stopPayment(state: EngineState, cmd: StopCommand): void {
  const row = state.rowOf(cmd.paymentId);
  if (row < 0) return refuse(state, 'stop', cmd.paymentId, 'NOT_FOUND');
  const t = state.payments;
  // Status first: a rejected payment may name a sender the engine does not know.
  const waiting = t.status[row] === QUEUED || t.status[row] === SCHEDULED;
  if (!waiting || t.kind[row] === KIND_BILL || isStopped(state, row)) return refuse(state, 'stop', cmd.paymentId, 'NOT_STOPPABLE');
  const sender = state.fromOf(row);
  if (cmd.by !== undefined && cmd.by !== sender.id) return refuse(state, 'stop', cmd.paymentId, 'NOT_STOPPABLE');
  takeOut(state, row);
  t.stoppedBy.set(row, cmd.by ?? CENTRE_STOP);
  emit(state, { type: 'stopped', paymentId: cmd.paymentId, ...(cmd.by === undefined ? {} : { by: cmd.by }) });
  markImproved(state, sender);
}

/**
 * 解除止付: only who stopped it releases it (a bank cannot lift the centre's stop; the centre
 * may lift any). A scheduled payment whose time has not come goes back to the schedule; any
 * other enters as a new arrival, as a scheduled payment does when its time comes: it lost its
 * place in the queue while stopped, and FIFO stays fair to those that waited.
 */
export function releasePayment(state: EngineState, cmd: ReleaseCommand): void {
  const row = state.rowOf(cmd.paymentId);
  if (row < 0) return refuse(state, 'release', cmd.paymentId, 'NOT_FOUND');
  const t = state.payments;
  const stopper = t.stoppedBy.get(row);
  if (stopper === undefined || (cmd.by !== undefined && cmd.by !== stopper)) return refuse(state, 'release', cmd.paymentId, 'NOT_STOPPED');
  t.stoppedBy.delete(row);
  emit(state, { type: 'released', paymentId: cmd.paymentId, ...(cmd.by === undefined ? {} : { by: cmd.by }) });
  if (t.status[row] === SCHEDULED) {
    if (isDue(state, row)) enter(state, row);
    else schedule(state, row);
    return;
  }
  t.order[row] = t.nextOrder;
  t.nextOrder += 1;
  const amountMinor = t.amount[row] as bigint;
  if (t.channel[row] === CHANNEL_RTGS) submitGross(state, row, amountMinor);
  else submitNet(state, row, amountMinor);
}
