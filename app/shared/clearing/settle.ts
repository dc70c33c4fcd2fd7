import type { SettlementVia } from './events';
import { assertCovered, markImproved, watchPosition } from './positions';
import { type EngineState, type ParticipantState, InvariantError, countedOnly, emit } from './state';
import { QUEUED, SETTLED } from './payment-table';

function recordSettled(state: EngineState, row: number): void {
  const t = state.payments;
  t.status[row] = SETTLED;
  if (t.reasonCode[row] !== 0) t.setReason(row, undefined);
}

/**
 * The one `settled` event, for gross, offset and cycle settlement alike: balances are read at
 * the call, so a batch calls it after all of its moves. `cycleId` only for `via: 'cycle'`.
 */
export function emitSettled(state: EngineState, row: number, amountMinor: bigint, via: SettlementVia, cycleId?: number): void {
  const t = state.payments;
  const from = state.fromOf(row);
  const to = state.toOf(row);
  const paymentId = t.id[row] as string;
  const kind = t.kindOf(row);
  // Two literals, not a spread: the hot path keeps one object shape per variant.
  if (cycleId === undefined) {
    emit(state, { type: 'settled', paymentId, kind, from: from.id, to: to.id, amountMinor, via, fromBalanceMinor: from.balanceMinor, toBalanceMinor: to.balanceMinor });
  } else {
    emit(state, { type: 'settled', paymentId, kind, from: from.id, to: to.id, amountMinor, via, cycleId, fromBalanceMinor: from.balanceMinor, toBalanceMinor: to.balanceMinor });
  }
}

/**
 * Moves one payment's amount from sender to receiver at once (RTGS). The caller passes the
 * amount it already holds: each read of the amount column makes a new bigint.
 */
export function settleGross(state: EngineState, row: number, amountMinor: bigint): void {
  const t = state.payments;
  const from = state.fromOf(row);
  const to = state.toOf(row);
  if (t.status[row] !== QUEUED) throw new InvariantError(`payment ${t.id[row]} settled twice (status ${t.statusOf(row)})`);
  from.balanceMinor -= amountMinor;
  to.balanceMinor += amountMinor;
  assertCovered(from);
  state.pairs.add(from.index, to.index, amountMinor);
  recordSettled(state, row);
  if (!countedOnly(state)) emitSettled(state, row, amountMinor, 'gross');
  if (from.warningThresholdMinor !== undefined) watchPosition(state, from);
  if (to.warningThresholdMinor !== undefined) watchPosition(state, to);
  markImproved(state, to);
}

/**
 * Settles a set of queued payments as one atomic step (offsetting): all balance moves first,
 * then the cover check for everyone touched, then the events with the balances after the batch.
 * The caller takes the payments out of the queues.
 */
export function settleBatch(state: EngineState, rows: readonly number[], via: SettlementVia): void {
  const t = state.payments;
  const touched: ParticipantState[] = [];
  const seen = new Set<ParticipantState>();
  for (const row of rows) {
    const from = state.fromOf(row);
    const to = state.toOf(row);
    if (t.status[row] !== QUEUED) throw new InvariantError(`payment ${t.id[row]} offset while ${t.statusOf(row)}`);
    from.balanceMinor -= t.amount[row] as bigint;
    to.balanceMinor += t.amount[row] as bigint;
    state.pairs.add(from.index, to.index, t.amount[row] as bigint);
    for (const participant of [from, to]) {
      if (seen.has(participant)) continue;
      seen.add(participant);
      touched.push(participant);
    }
  }
  for (const participant of touched) assertCovered(participant);
  for (const row of rows) {
    recordSettled(state, row);
    if (!countedOnly(state)) emitSettled(state, row, t.amount[row] as bigint, via);
  }
  for (const participant of touched) watchPosition(state, participant);
  for (const participant of touched) markImproved(state, participant);
}
