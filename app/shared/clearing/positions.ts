import { type EngineState, type ParticipantState, InvariantError } from './state';

/** Available liquidity: balance minus the net debit earmarked for the open cycle. */
export function availableMinor(p: ParticipantState): bigint {
  return p.netDebitMinor === 0n ? p.balanceMinor : p.balanceMinor - p.netDebitMinor;
}

/** True when the available balance covers `amountMinor` (no allocation when nothing is earmarked). */
export function covers(p: ParticipantState, amountMinor: bigint): boolean {
  return p.netDebitMinor === 0n ? p.balanceMinor >= amountMinor : p.balanceMinor - p.netDebitMinor >= amountMinor;
}

/** Recomputes the earmark after the participant's cycle position changed. */
export function recomputeNetDebit(p: ParticipantState): void {
  p.netDebitMinor = p.cycleNetMinor < 0n ? -p.cycleNetMinor : 0n;
}

/** Every balance must cover its earmarked net debit, or closing a cycle could fail. */
export function assertCovered(p: ParticipantState): void {
  if (p.balanceMinor < p.netDebitMinor) throw new InvariantError(`${p.id} balance ${p.balanceMinor} below net debit ${p.netDebitMinor}`);
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
