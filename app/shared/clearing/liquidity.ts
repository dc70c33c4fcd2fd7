import { MAX_AMOUNT_MINOR } from '../money/limits';
import type { AddParticipantCommand, AdjustCommand, SetBalanceCommand, SetNetDebitCapCommand } from './commands';
import { checkInvariants } from './invariants';
import { MAX_PAIR_PARTICIPANTS } from './pair-positions';
import { markImproved, refreshControls, watchPosition } from './positions';
import { type EngineState, ParticipantState, emit } from './state';

/** Participant ids as on the wire (domain participantIdSchema), checked here too: addParticipant is rare. */
const PARTICIPANT_ID = /^[A-Za-z0-9_.-]{1,32}$/;

function known(state: EngineState, command: 'setBalance' | 'adjust' | 'setNetDebitCap', participantId: string): ParticipantState | undefined {
  const p = state.participantById.get(participantId);
  if (p === undefined) emit(state, { type: 'refused', command, participantId, reason: 'UNKNOWN_PARTICIPANT' });
  return p;
}

/**
 * Central-bank liquidity in or out. Out may not take the balance below zero (liquidity out is
 * not a loan: intraday credit is the credit line's job) nor leave the balance plus credit line
 * short of the net debit earmarked for the open cycle: that money is promised to the cycle.
 */
function moveLiquidity(state: EngineState, p: ParticipantState, deltaMinor: bigint, command: 'setBalance' | 'adjust'): void {
  const after = p.balanceMinor + deltaMinor;
  const tooLow = deltaMinor < 0n && (after < 0n || after + p.creditLineMinor < p.netDebitMinor);
  if (tooLow || after > MAX_AMOUNT_MINOR) {
    emit(state, { type: 'refused', command, participantId: p.id, reason: after > MAX_AMOUNT_MINOR ? 'INVALID_AMOUNT' : 'INSUFFICIENT_FUNDS' });
    return;
  }
  p.balanceMinor = after;
  state.totalMoneyMinor += deltaMinor;
  if (deltaMinor > 0n) p.liquidityInMinor += deltaMinor;
  else p.liquidityOutMinor -= deltaMinor;
  emit(state, { type: 'liquidity', participantId: p.id, deltaMinor, balanceMinor: after });
  watchPosition(state, p);
  if (deltaMinor > 0n) markImproved(state, p);
  checkInvariants(state);
}

export function setBalance(state: EngineState, cmd: SetBalanceCommand): void {
  const p = known(state, 'setBalance', cmd.participantId);
  if (p !== undefined) moveLiquidity(state, p, cmd.balanceMinor - p.balanceMinor, 'setBalance');
}

export function adjust(state: EngineState, cmd: AdjustCommand): void {
  const p = known(state, 'adjust', cmd.participantId);
  if (p !== undefined) moveLiquidity(state, p, cmd.amountMinor, 'adjust');
}

/**
 * A cap below the current net debit is allowed: it stops further admissions until the
 * position comes back under it, but what is already netted stays netted.
 */
export function setNetDebitCap(state: EngineState, cmd: SetNetDebitCapCommand): void {
  const p = known(state, 'setNetDebitCap', cmd.participantId);
  if (p === undefined) return;
  if (cmd.netDebitCapMinor < 0n || cmd.netDebitCapMinor > MAX_AMOUNT_MINOR) {
    emit(state, { type: 'refused', command: 'setNetDebitCap', participantId: p.id, reason: 'INVALID_AMOUNT' });
    return;
  }
  const raised = cmd.netDebitCapMinor > p.netDebitCapMinor;
  p.netDebitCapMinor = cmd.netDebitCapMinor;
  emit(state, { type: 'netDebitCap', participantId: p.id, netDebitCapMinor: p.netDebitCapMinor });
  if (raised) markImproved(state, p);
}

export function addParticipant(state: EngineState, cmd: AddParticipantCommand): void {
  const bad = (amount: bigint): boolean => amount < 0n || amount > MAX_AMOUNT_MINOR;
  const reason = state.participantById.has(cmd.id)
    ? 'DUPLICATE_ID'
    : !PARTICIPANT_ID.test(cmd.id) || state.participants.length >= MAX_PAIR_PARTICIPANTS
      ? 'INVALID_PAYLOAD'
      : bad(cmd.balanceMinor) || bad(cmd.netDebitCapMinor) || bad(cmd.creditLineMinor ?? 0n)
        ? 'INVALID_AMOUNT'
        : undefined;
  if (reason !== undefined) {
    emit(state, { type: 'refused', command: 'addParticipant', participantId: cmd.id, reason });
    return;
  }
  const p = new ParticipantState(cmd.id, state.participants.length, cmd.balanceMinor, cmd.netDebitCapMinor);
  p.creditLineMinor = cmd.creditLineMinor ?? 0n;
  refreshControls(p);
  state.participants.push(p);
  state.participantById.set(p.id, p);
  state.totalMoneyMinor += p.balanceMinor;
  // A new participant's opening balance is new money in the system, not a settled flow.
  p.openingBalanceMinor = p.balanceMinor;
  emit(state, { type: 'participantAdded', participantId: p.id, balanceMinor: p.balanceMinor, netDebitCapMinor: p.netDebitCapMinor });
  if (p.creditLineMinor !== 0n) emit(state, { type: 'creditLine', participantId: p.id, lineMinor: p.creditLineMinor, availableMinor: p.balanceMinor + p.creditLineMinor });
}
