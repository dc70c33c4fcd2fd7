import type { PaymentPriority } from '../domain/payment';
import { availableMinor, floorOf, rtgsBlock, unlimitedPositionMinor } from './positions';
import { dequeueRtgs, enqueueRtgs, hasQueuedAhead, queuedBefore } from './rtgs-queue';
import { settleBatch, settleGross } from './settle';
import type { EngineState, ParticipantState } from './state';
import { countedOnly, emit } from './state';

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
  const priority = t.priority[row] as number;
  const reason = rtgsBlock(state, from, t.to[row] as number, amountMinor, priority);
  if (reason === undefined && !hasQueuedAhead(from, priority)) {
    settleGross(state, row, amountMinor);
    return;
  }
  t.setReason(row, reason);
  enqueueRtgs(state, row);
  if (!countedOnly(state)) {
    const event = {
      type: 'queued' as const,
      paymentId: t.id[row] as string,
      kind: t.kindOf(row),
      from: from.id,
      to: state.toOf(row).id,
      amountMinor,
      priority: t.priority[row] as PaymentPriority,
    };
    emit(state, reason === undefined ? event : { ...event, reason });
  }
  tryBilateralOffset(state, row);
}

/** Retries a sender's queue in order (priority, then arrival) until the first that does not fit. */
export function retryRtgs(state: EngineState, from: ParticipantState): void {
  if (from.rtgsCount === 0) return;
  const t = state.payments;
  for (let priority = 0; priority < from.rtgs.length; priority += 1) {
    const queue = from.rtgs[priority] as (typeof from.rtgs)[number];
    for (let head = queue.peek(); head !== undefined; head = queue.peek()) {
      const amountMinor = t.amount[head] as bigint;
      const block = rtgsBlock(state, from, t.to[head] as number, amountMinor, priority);
      if (block !== undefined) {
        t.setReason(head, block);
        return;
      }
      dequeueRtgs(state, head);
      settleGross(state, head, amountMinor);
    }
  }
}

/**
 * How far `p` would be from what the controls allow at the end of an offsetting set (DESIGN
 * 4.1): its gap to the floor of its least urgent payment in the set, plus each sender limit's
 * breach toward counterparties it sends normal payments to. `availableAfterMinor` is its
 * available balance after the set, `pairAfterMinor` its position toward `counterparty`.
 */
function bilateralShortfallMinor(
  state: EngineState,
  p: ParticipantState,
  availableAfterMinor: bigint,
  leastUrgent: number,
  counterparty: number,
  pairDeltaMinor: bigint,
): bigint {
  const gap = floorOf(p, leastUrgent) - availableAfterMinor;
  let shortfall = gap > 0n ? gap : 0n;
  if (leastUrgent === 2 && p.limited) {
    const bilateral = p.bilateralLimits?.get(counterparty);
    const multilateral = p.multilateralLimitMinor;
    const breach =
      bilateral !== undefined
        ? -bilateral - (state.pairs.get(p.index, counterparty) + pairDeltaMinor)
        : multilateral !== undefined
          ? -multilateral - (unlimitedPositionMinor(state, p) + pairDeltaMinor)
          : 0n;
    if (breach > 0n) shortfall += breach;
  }
  return shortfall;
}

/**
 * Bilateral offsetting when `row` (S -> R) has just queued: take R's queued payments to S, in
 * R's queue order; while R would fall short (below zero available, under the floor of its least
 * urgent payment kept, or past a sender limit toward S), drop R's least urgent, latest one (the
 * multilateral rule for two banks). If something of R's is left and neither side falls short,
 * settle the payment and those together. The new payment itself is never dropped: without it
 * there is no offsetting to do.
 */
export function tryBilateralOffset(state: EngineState, row: number): void {
  const t = state.payments;
  const amount = t.amount;
  const sender = state.fromOf(row);
  const receiver = state.toOf(row);
  const back = receiver.rtgsByReceiver.get(sender.index);
  if (back === undefined || back.length === 0 || back.length > MAX_BILATERAL_CANDIDATES) return;
  const candidates = back.slice().sort((a, b) => (queuedBefore(state, a, b) ? -1 : 1));
  let backMinor = 0n;
  for (const c of candidates) backMinor += amount[c] as bigint;
  const amountMinor = amount[row] as bigint;
  const senderAvailableMinor = availableMinor(sender);
  const receiverAvailableMinor = availableMinor(receiver);
  const senderPriority = t.priority[row] as number;
  const plain = !sender.controlled && !receiver.controlled && !sender.limited && !receiver.limited;
  let kept = candidates.length;
  // Receiver's position toward the sender changes by (amount - back), the sender's by the opposite.
  const receiverShort = (): boolean => {
    const deltaMinor = amountMinor - backMinor;
    if (plain) return receiverAvailableMinor + deltaMinor < 0n;
    const leastUrgent = t.priority[candidates[kept - 1] as number] as number;
    return bilateralShortfallMinor(state, receiver, receiverAvailableMinor + deltaMinor, leastUrgent, sender.index, deltaMinor) > 0n;
  };
  while (kept > 0 && receiverShort()) {
    kept -= 1;
    backMinor -= amount[candidates[kept] as number] as bigint;
  }
  if (kept === 0) return;
  const senderDeltaMinor = backMinor - amountMinor;
  const senderShort = plain
    ? senderAvailableMinor + senderDeltaMinor < 0n
    : bilateralShortfallMinor(state, sender, senderAvailableMinor + senderDeltaMinor, senderPriority, receiver.index, senderDeltaMinor) > 0n;
  if (senderShort) return;
  const batch = [row, ...candidates.slice(0, kept)];
  for (const r of batch) dequeueRtgs(state, r);
  settleBatch(state, batch, 'bilateral');
}
