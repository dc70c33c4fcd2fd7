import { markImproved, recomputeNetDebit, assertCovered } from './positions';
import type { EngineState, PaymentState, ParticipantState } from './state';
import type { ReasonCode } from '../domain/reason-codes';

/**
 * DNS (beps, bills, returns of beps): admission into the open cycle in arrival order when the
 * sender's net debit after it stays within its net debit cap and its balance (the earmark);
 * otherwise the payment waits and is retried when the sender's position improves and when
 * the next cycle opens.
 */

/** Why `p` cannot be admitted now, or undefined if it can. */
function admissionBlock(from: ParticipantState, p: PaymentState): ReasonCode | undefined {
  const netDebitAfterMinor = from.cycleDebitMinor + p.amountMinor - from.cycleCreditMinor;
  if (netDebitAfterMinor <= 0n) return undefined;
  if (netDebitAfterMinor > from.netDebitCapMinor) return 'NET_DEBIT_CAP';
  if (netDebitAfterMinor > from.balanceMinor) return 'INSUFFICIENT_FUNDS';
  return undefined;
}

function admit(state: EngineState, p: PaymentState): void {
  const from = p.from as ParticipantState;
  const to = p.to as ParticipantState;
  from.cycleDebitMinor += p.amountMinor;
  recomputeNetDebit(from);
  assertCovered(from);
  if (p.kind === 'bill') {
    to.cycleBillCreditMinor += p.amountMinor;
  } else {
    to.cycleCreditMinor += p.amountMinor;
    if (to.netDebitMinor !== 0n) recomputeNetDebit(to);
    // A credit widens the receiver's headroom under its cap even when it owed nothing.
    markImproved(state, to);
  }
  p.status = 'netted';
  p.reason = undefined;
  p.cycleId = state.openCycleId;
  state.cyclePayments.push(p);
  state.out.push({
    type: 'netted',
    paymentId: p.id,
    kind: p.kind,
    from: from.id,
    to: to.id,
    amountMinor: p.amountMinor,
    cycleId: state.openCycleId,
    fromNetDebitMinor: from.netDebitMinor,
  });
}

export function submitNet(state: EngineState, p: PaymentState): void {
  const from = p.from as ParticipantState;
  const block = admissionBlock(from, p);
  if (block === undefined && from.dns.length === 0) {
    admit(state, p);
    return;
  }
  p.reason = block;
  from.dns.push(p);
  const event = {
    type: 'queued' as const,
    paymentId: p.id,
    kind: p.kind,
    from: p.fromId,
    to: p.toId,
    amountMinor: p.amountMinor,
    priority: p.priority,
  };
  state.out.push(block === undefined ? event : { ...event, reason: block });
}

/** Admits waiting payments in arrival order until the first that still does not fit. */
export function retryDns(state: EngineState, from: ParticipantState): void {
  for (let head = from.dns.peek(); head !== undefined; head = from.dns.peek()) {
    const block = admissionBlock(from, head);
    if (block !== undefined) {
      head.reason = block;
      return;
    }
    from.dns.shift();
    admit(state, head);
  }
}

/**
 * The paying bank returns a presented bill (退票). Netted: it leaves the cycle, and the paying
 * bank's earmark falls. Still waiting for admission: it leaves the wait queue.
 */
export function returnBill(state: EngineState, p: PaymentState): void {
  const from = p.from as ParticipantState;
  const to = p.to as ParticipantState;
  if (p.status === 'netted') {
    from.cycleDebitMinor -= p.amountMinor;
    to.cycleBillCreditMinor -= p.amountMinor;
    recomputeNetDebit(from);
  } else if (!from.dns.remove(p)) {
    throw new Error(`bill ${p.id} is neither netted nor waiting`);
  }
  const cycleId = p.cycleId;
  p.status = 'returned';
  p.reason = undefined;
  state.out.push(cycleId === undefined ? { type: 'returned', paymentId: p.id } : { type: 'returned', paymentId: p.id, cycleId });
  markImproved(state, from);
}
