import type { ReasonCode } from '../domain/reason-codes';
import { assertCovered, markImproved, recomputeNetDebit, watchPosition } from './positions';
import type { EngineState, ParticipantState } from './state';
import { countedOnly, emit } from './state';
import { KIND_BILL, NETTED, RETURNED } from './payment-table';

/**
 * DNS (beps, bills, returns of beps): admission into the open cycle in arrival order when the
 * sender's net debit after it stays within its net debit cap and its balance plus credit line,
 * above the floor of normal payments (the earmark);
 * otherwise the payment waits and is retried when the sender's position improves and when
 * the next cycle opens.
 */

/**
 * Why a payment that would take the sender's cycle position to `netAfterMinor` cannot be
 * admitted now, or undefined if it can. Callers compute the position once and pass it on to
 * `admit`: each bigint subtraction or negation is a new heap object on the hot path.
 */
function admissionBlock(from: ParticipantState, netAfterMinor: bigint): ReasonCode | undefined {
  if (netAfterMinor >= 0n) return undefined;
  const netDebitAfterMinor = -netAfterMinor;
  if (netDebitAfterMinor > from.netDebitCapMinor) return 'NET_DEBIT_CAP';
  if (!from.controlled) return netDebitAfterMinor > from.balanceMinor ? 'INSUFFICIENT_FUNDS' : undefined;
  // DESIGN 4.1: balance + credit line - net debit must stay at or above floor(2).
  const leftMinor = from.balanceMinor + from.creditLineMinor - netDebitAfterMinor;
  if (leftMinor < 0n) return 'INSUFFICIENT_FUNDS';
  return leftMinor < from.floor2Minor ? 'RESERVED_LIQUIDITY' : undefined;
}

function admit(state: EngineState, row: number, amountMinor: bigint, netAfterMinor: bigint): void {
  const t = state.payments;
  const from = state.fromOf(row);
  const to = state.toOf(row);
  from.cycleNetMinor = netAfterMinor;
  recomputeNetDebit(from);
  assertCovered(from);
  if (t.kind[row] === KIND_BILL) {
    to.cycleBillCreditMinor += amountMinor;
  } else {
    to.cycleNetMinor += amountMinor;
    if (to.netDebitMinor !== 0n) recomputeNetDebit(to);
    // A credit widens the receiver's headroom under its cap even when it owed nothing.
    markImproved(state, to);
  }
  t.status[row] = NETTED;
  t.setReason(row, undefined);
  t.cycleId[row] = state.openCycleId;
  state.cyclePayments.push(row);
  if (!countedOnly(state)) {
    emit(state, {
      type: 'netted',
      paymentId: t.id[row] as string,
      kind: t.kindOf(row),
      from: from.id,
      to: to.id,
      amountMinor,
      cycleId: state.openCycleId,
      fromNetDebitMinor: from.netDebitMinor,
    });
  }
  if (from.warningThresholdMinor !== undefined) watchPosition(state, from);
  if (to.warningThresholdMinor !== undefined) watchPosition(state, to);
}

export function submitNet(state: EngineState, row: number, amountMinor: bigint): void {
  const t = state.payments;
  const from = state.fromOf(row);
  const netAfterMinor = from.cycleNetMinor - amountMinor;
  const block = admissionBlock(from, netAfterMinor);
  if (block === undefined && from.dns.length === 0) {
    admit(state, row, amountMinor, netAfterMinor);
    return;
  }
  t.setReason(row, block);
  from.dns.push(row);
  if (countedOnly(state)) return;
  const event = {
    type: 'queued' as const,
    paymentId: t.id[row] as string,
    kind: t.kindOf(row),
    from: from.id,
    to: state.toOf(row).id,
    amountMinor,
    priority: t.priority[row] as 0 | 1 | 2,
  };
  emit(state, block === undefined ? event : { ...event, reason: block });
}

/** Admits waiting payments in arrival order until the first that still does not fit. */
export function retryDns(state: EngineState, from: ParticipantState): void {
  const t = state.payments;
  for (let head = from.dns.peek(); head !== undefined; head = from.dns.peek()) {
    const amountMinor = t.amount[head] as bigint;
    const netAfterMinor = from.cycleNetMinor - amountMinor;
    const block = admissionBlock(from, netAfterMinor);
    if (block !== undefined) {
      t.setReason(head, block);
      return;
    }
    from.dns.shift();
    admit(state, head, amountMinor, netAfterMinor);
  }
}

/**
 * The paying bank returns a presented bill (退票). Netted: it leaves the cycle, and the paying
 * bank's earmark falls. Still waiting for admission: it leaves the wait queue.
 */
export function returnBill(state: EngineState, row: number): void {
  const t = state.payments;
  const from = state.fromOf(row);
  const to = state.toOf(row);
  if (t.status[row] === NETTED) {
    from.cycleNetMinor += t.amount[row] as bigint;
    to.cycleBillCreditMinor -= t.amount[row] as bigint;
    recomputeNetDebit(from);
  } else if (!from.dns.remove(row)) {
    throw new Error(`bill ${t.id[row]} is neither netted nor waiting`);
  }
  const cycleId = t.cycleId[row] as number;
  t.status[row] = RETURNED;
  t.setReason(row, undefined);
  const paymentId = t.id[row] as string;
  emit(state, cycleId === 0 ? { type: 'returned', paymentId } : { type: 'returned', paymentId, cycleId });
  watchPosition(state, from);
  markImproved(state, from);
}
