import type { ReasonCode } from '../domain/reason-codes';
import { type EngineState, type ParticipantState, InvariantError, emit } from './state';

/** Available liquidity (DESIGN 4.1): balance + intraday credit line - net debit earmarked for the open cycle. */
export function availableMinor(p: ParticipantState): bigint {
  if (!p.controlled) return p.netDebitMinor === 0n ? p.balanceMinor : p.balanceMinor - p.netDebitMinor;
  return p.balanceMinor + p.creditLineMinor - p.netDebitMinor;
}

/** The reservation floor a payment of `priority` must leave: floor(0) = 0, floor(1) = urgent, floor(2) = urgent + high. */
export function floorOf(p: ParticipantState, priority: number): bigint {
  return priority === 0 ? 0n : priority === 1 ? p.floor1Minor : p.floor2Minor;
}

/** True when the available balance covers `amountMinor` (no allocation when nothing is earmarked). */
export function covers(p: ParticipantState, amountMinor: bigint): boolean {
  if (p.controlled) return availableMinor(p) >= amountMinor;
  return p.netDebitMinor === 0n ? p.balanceMinor >= amountMinor : p.balanceMinor - p.netDebitMinor >= amountMinor;
}

/**
 * RTGS payments a participant sent and received today, net: its balance change less central-
 * bank liquidity and the day's closed cycles. Equals the sum of its bilateral positions.
 */
export function rtgsNetTodayMinor(p: ParticipantState): bigint {
  return p.balanceMinor - p.openingBalanceMinor - p.liquidityInMinor + p.liquidityOutMinor - p.dnsSettledTodayMinor;
}

/** Sum of `p`'s positions toward every counterparty it has no bilateral limit with. */
export function unlimitedPositionMinor(state: EngineState, p: ParticipantState): bigint {
  let sum = rtgsNetTodayMinor(p);
  if (p.bilateralLimits !== undefined) for (const counterparty of p.bilateralLimits.keys()) sum -= state.pairs.get(p.index, counterparty);
  return sum;
}

/** Why a normal payment of `amountMinor` from `from` to participant index `to` breaks a sender limit, or undefined. */
export function limitBlock(state: EngineState, from: ParticipantState, to: number, amountMinor: bigint): ReasonCode | undefined {
  const bilateral = from.bilateralLimits?.get(to);
  if (bilateral !== undefined) return state.pairs.get(from.index, to) - amountMinor >= -bilateral ? undefined : 'BILATERAL_LIMIT';
  const multilateral = from.multilateralLimitMinor;
  if (multilateral === undefined) return undefined;
  return unlimitedPositionMinor(state, from) - amountMinor >= -multilateral ? undefined : 'MULTILATERAL_LIMIT';
}

/**
 * Why an RTGS payment cannot settle gross now, or undefined if it can: liquidity, then the
 * reservation floor of its priority, then (normal payments only) the sender limits.
 */
export function rtgsBlock(state: EngineState, from: ParticipantState, to: number, amountMinor: bigint, priority: number): ReasonCode | undefined {
  if (!from.controlled) {
    if (!(from.netDebitMinor === 0n ? from.balanceMinor >= amountMinor : from.balanceMinor - from.netDebitMinor >= amountMinor)) return 'INSUFFICIENT_FUNDS';
  } else {
    const leftMinor = availableMinor(from) - amountMinor;
    if (leftMinor < 0n) return 'INSUFFICIENT_FUNDS';
    if (priority !== 0 && leftMinor < floorOf(from, priority)) return 'RESERVED_LIQUIDITY';
  }
  if (priority === 2 && from.limited) return limitBlock(state, from, to, amountMinor);
  return undefined;
}

/** Recomputes the earmark after the participant's cycle position changed. */
export function recomputeNetDebit(p: ParticipantState): void {
  p.netDebitMinor = p.cycleNetMinor < 0n ? -p.cycleNetMinor : 0n;
}

/** Balance plus credit line must cover the earmarked net debit, or closing a cycle could fail. */
export function assertCovered(p: ParticipantState): void {
  if (p.balanceMinor + p.creditLineMinor < p.netDebitMinor) throw new InvariantError(`${p.id} balance ${p.balanceMinor} + credit line ${p.creditLineMinor} below net debit ${p.netDebitMinor}`);
}

/** Re-derives the floors and the fast-path flag after a credit line or reservation change. */
export function refreshControls(p: ParticipantState): void {
  p.floor1Minor = p.reserveUrgentMinor;
  p.floor2Minor = p.reserveUrgentMinor + p.reserveHighMinor;
  p.controlled = p.creditLineMinor !== 0n || p.floor2Minor !== 0n;
  p.limited = p.bilateralLimits !== undefined || p.multilateralLimitMinor !== undefined;
}

/** 头寸预警: one event each time available crosses the threshold, down (`below`) or back up. */
export function watchPosition(state: EngineState, p: ParticipantState): void {
  const thresholdMinor = p.warningThresholdMinor;
  if (thresholdMinor === undefined) return;
  const available = availableMinor(p);
  const below = available < thresholdMinor;
  if (below === p.warned) return;
  p.warned = below;
  emit(state, { type: 'positionWarning', participantId: p.id, below, availableMinor: available, thresholdMinor });
}

/**
 * Notes that a participant's position improved (balance up, net debit down, cap up, a queue
 * head gone), so its queues are retried before the command finishes. Cheap when it has
 * nothing waiting, which is the common case on the hot path.
 */
export function markImproved(state: EngineState, p: ParticipantState): void {
  if (p.inWorklist || p.rtgsCount + p.dns.length === 0) return;
  p.inWorklist = true;
  state.worklist.push(p);
}
