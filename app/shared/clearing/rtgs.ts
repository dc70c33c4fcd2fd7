import { availableMinor } from './positions';
import { dequeueRtgs, enqueueRtgs, hasQueuedAhead, queuedBefore } from './rtgs-queue';
import { settleBatch, settleGross } from './settle';
import type { EngineState, PaymentState, ParticipantState } from './state';

/**
 * RTGS (hvps, and returns of hvps): settle at once if the sender's available balance covers
 * the payment and nothing of the same or a more urgent priority waits ahead; else queue and
 * try bilateral offsetting with the receiver's queued payments back to the sender.
 */
export function submitGross(state: EngineState, p: PaymentState): void {
  const from = p.from as ParticipantState;
  const covered = availableMinor(from) >= p.amountMinor;
  if (covered && !hasQueuedAhead(from, p.priority)) {
    settleGross(state, p);
    return;
  }
  p.reason = covered ? undefined : 'INSUFFICIENT_FUNDS';
  enqueueRtgs(p);
  const event = {
    type: 'queued' as const,
    paymentId: p.id,
    kind: p.kind,
    from: p.fromId,
    to: p.toId,
    amountMinor: p.amountMinor,
    priority: p.priority,
  };
  state.out.push(p.reason === undefined ? event : { ...event, reason: p.reason });
  tryBilateralOffset(state, p);
}

/** Retries a sender's queue in order (priority, then arrival) until the first that does not fit. */
export function retryRtgs(state: EngineState, from: ParticipantState): void {
  if (from.rtgsCount === 0) return;
  for (const queue of from.rtgs) {
    for (let head = queue.peek(); head !== undefined; head = queue.peek()) {
      if (availableMinor(from) < head.amountMinor) return;
      dequeueRtgs(head);
      settleGross(state, head);
    }
  }
}

/**
 * Bilateral offsetting when `p` (S -> R) has just queued: take R's queued payments to S, in
 * R's queue order; while R would end below zero available, drop R's least urgent, latest one
 * (the multilateral rule for two banks). If something of R's is left and S stays covered too,
 * settle p and those payments together. `p` itself is never dropped: without it there is no
 * offsetting to do.
 */
export function tryBilateralOffset(state: EngineState, p: PaymentState): void {
  const sender = p.from as ParticipantState;
  const receiver = p.to as ParticipantState;
  const back = receiver.rtgsByReceiver.get(sender.index);
  if (back === undefined || back.length === 0) return;
  const candidates = back.slice().sort((a, b) => (queuedBefore(a, b) ? -1 : 1));
  let backMinor = 0n;
  for (const c of candidates) backMinor += c.amountMinor;
  let senderPositionMinor = availableMinor(sender) - p.amountMinor + backMinor;
  let receiverPositionMinor = availableMinor(receiver) + p.amountMinor - backMinor;
  let kept = candidates.length;
  while (receiverPositionMinor < 0n && kept > 0) {
    kept -= 1;
    const dropped = (candidates[kept] as PaymentState).amountMinor;
    receiverPositionMinor += dropped;
    senderPositionMinor -= dropped;
  }
  if (kept === 0 || senderPositionMinor < 0n || receiverPositionMinor < 0n) return;
  const batch = [p, ...candidates.slice(0, kept)];
  for (const q of batch) dequeueRtgs(q);
  settleBatch(state, batch, 'bilateral');
}
