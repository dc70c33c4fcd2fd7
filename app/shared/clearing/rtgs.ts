import type { PaymentKind, PaymentPriority } from '../domain/payment';
import { availableMinor, covers } from './positions';
import { dequeueRtgs, enqueueRtgs, hasQueuedAhead, queuedBefore } from './rtgs-queue';
import { settleBatch, settleGross } from './settle';
import type { EngineState, ParticipantState } from './state';
import { emit } from './state';

/**
 * Bilateral offsetting on entry looks at the receiver's queued payments back to the sender
 * only while there are at most this many: it runs on every payment that queues, and must stay
 * cheap however deep a pair's queue grows. Deeper pairs are left to multilateral offsetting,
 * which handles any size in one pass.
 */
export const MAX_BILATERAL_CANDIDATES = 64;

/**
 * RTGS (hvps, and returns of hvps): settle at once if the sender's available balance covers
 * the payment and nothing of the same or a more urgent priority waits ahead; else queue and
 * try bilateral offsetting with the receiver's queued payments back to the sender.
 */
export function submitGross(state: EngineState, row: number, amountMinor: bigint): void {
  const t = state.payments;
  const from = state.fromOf(row);
  const covered = covers(from, amountMinor);
  if (covered && !hasQueuedAhead(from, t.priority[row] as number)) {
    settleGross(state, row, amountMinor);
    return;
  }
  const reason = covered ? undefined : 'INSUFFICIENT_FUNDS';
  t.reason[row] = reason;
  enqueueRtgs(state, row);
  const event = {
    type: 'queued' as const,
    paymentId: t.id[row] as string,
    kind: t.kind[row] as PaymentKind,
    from: from.id,
    to: state.toOf(row).id,
    amountMinor,
    priority: t.priority[row] as PaymentPriority,
  };
  emit(state, reason === undefined ? event : { ...event, reason });
  tryBilateralOffset(state, row);
}

/** Retries a sender's queue in order (priority, then arrival) until the first that does not fit. */
export function retryRtgs(state: EngineState, from: ParticipantState): void {
  if (from.rtgsCount === 0) return;
  const amount = state.payments.amount;
  for (const queue of from.rtgs) {
    for (let head = queue.peek(); head !== undefined; head = queue.peek()) {
      const amountMinor = amount[head] as bigint;
      if (!covers(from, amountMinor)) return;
      dequeueRtgs(state, head);
      settleGross(state, head, amountMinor);
    }
  }
}

/**
 * Bilateral offsetting when `row` (S -> R) has just queued: take R's queued payments to S, in
 * R's queue order; while R would end below zero available, drop R's least urgent, latest one
 * (the multilateral rule for two banks). If something of R's is left and S stays covered too,
 * settle the payment and those together. The new payment itself is never dropped: without it
 * there is no offsetting to do.
 */
export function tryBilateralOffset(state: EngineState, row: number): void {
  const amount = state.payments.amount;
  const sender = state.fromOf(row);
  const receiver = state.toOf(row);
  const back = receiver.rtgsByReceiver.get(sender.index);
  if (back === undefined || back.length === 0 || back.length > MAX_BILATERAL_CANDIDATES) return;
  const candidates = back.slice().sort((a, b) => (queuedBefore(state, a, b) ? -1 : 1));
  let backMinor = 0n;
  for (const c of candidates) backMinor += amount[c] as bigint;
  const amountMinor = amount[row] as bigint;
  let senderPositionMinor = availableMinor(sender) - amountMinor + backMinor;
  let receiverPositionMinor = availableMinor(receiver) + amountMinor - backMinor;
  let kept = candidates.length;
  while (receiverPositionMinor < 0n && kept > 0) {
    kept -= 1;
    const dropped = amount[candidates[kept] as number] as bigint;
    receiverPositionMinor += dropped;
    senderPositionMinor -= dropped;
  }
  if (kept === 0 || senderPositionMinor < 0n || receiverPositionMinor < 0n) return;
  const batch = [row, ...candidates.slice(0, kept)];
  for (const r of batch) dequeueRtgs(state, r);
  settleBatch(state, batch, 'bilateral');
}
