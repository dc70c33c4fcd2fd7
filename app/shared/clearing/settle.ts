import type { SettlementVia } from './events';
import { assertCovered, markImproved } from './positions';
import { type EngineState, type PaymentState, type ParticipantState, InvariantError } from './state';

function recordSettled(state: EngineState, p: PaymentState): void {
  p.status = 'settled';
  p.reason = undefined;
  p.settledDate = state.businessDate;
  state.daySettled.push(p);
}

/** Moves one payment's amount from sender to receiver at once (RTGS). */
export function settleGross(state: EngineState, p: PaymentState): void {
  const from = p.from as ParticipantState;
  const to = p.to as ParticipantState;
  if (!(p.status === 'queued')) throw new InvariantError(`payment ${p.id} settled twice (status ${p.status})`);
  const amountMinor = p.amountMinor;
  from.balanceMinor -= amountMinor;
  to.balanceMinor += amountMinor;
  assertCovered(from);
  recordSettled(state, p);
  state.out.push({
    type: 'settled',
    paymentId: p.id,
    kind: p.kind,
    from: from.id,
    to: to.id,
    amountMinor,
    via: 'gross',
    fromBalanceMinor: from.balanceMinor,
    toBalanceMinor: to.balanceMinor,
  });
  markImproved(state, to);
}

/**
 * Settles a set of queued payments as one atomic step (offsetting): all balance moves first,
 * then the cover check for everyone touched, then the events with the balances after the batch.
 * The caller takes the payments out of the queues.
 */
export function settleBatch(state: EngineState, payments: readonly PaymentState[], via: SettlementVia): void {
  const touched: ParticipantState[] = [];
  const seen = new Set<ParticipantState>();
  for (const p of payments) {
    const from = p.from as ParticipantState;
    const to = p.to as ParticipantState;
    if (!(p.status === 'queued')) throw new InvariantError(`payment ${p.id} offset while ${p.status}`);
    from.balanceMinor -= p.amountMinor;
    to.balanceMinor += p.amountMinor;
    if (!seen.has(from)) (seen.add(from), touched.push(from));
    if (!seen.has(to)) (seen.add(to), touched.push(to));
  }
  for (const participant of touched) assertCovered(participant);
  for (const p of payments) {
    const from = p.from as ParticipantState;
    const to = p.to as ParticipantState;
    recordSettled(state, p);
    state.out.push({
      type: 'settled',
      paymentId: p.id,
      kind: p.kind,
      from: from.id,
      to: to.id,
      amountMinor: p.amountMinor,
      via,
      fromBalanceMinor: from.balanceMinor,
      toBalanceMinor: to.balanceMinor,
    });
  }
  for (const participant of touched) markImproved(state, participant);
}
