import type { ReasonCode } from '../domain/reason-codes';
import { MAX_AMOUNT_MINOR } from '../money/limits';
import type { CreditCommand, LimitsCommand, ReserveCommand, WarningCommand } from './commands';
import { availableMinor, markImproved, refreshControls, watchPosition } from './positions';
import { type EngineState, type ParticipantState, emit } from './state';

/**
 * The participant's liquidity controls (DESIGN 4.1): intraday credit line, reservations,
 * sender limits and the position warning. Each change retries the participant's queues
 * (a lower floor, a higher line or a wider limit may let its head go).
 */

/** Bilateral limits one participant may hold: one per counterparty, far above CNAPS's few thousand banks. */
export const MAX_BILATERAL_LIMITS = 10_000;

type ControlCommand = 'credit' | 'reserve' | 'limits' | 'warning';

function known(state: EngineState, command: ControlCommand, participantId: string): ParticipantState | undefined {
  const p = state.participantById.get(participantId);
  if (p === undefined) emit(state, { type: 'refused', command, participantId, reason: 'UNKNOWN_PARTICIPANT' });
  return p;
}

function refuse(state: EngineState, command: ControlCommand, participantId: string, reason: ReasonCode): void {
  emit(state, { type: 'refused', command, participantId, reason });
}

const badAmount = (minor: bigint): boolean => typeof minor !== 'bigint' || minor < 0n || minor > MAX_AMOUNT_MINOR;

/**
 * 日间透支额度: set by the clearing centre against pledged collateral. Refused CREDIT_IN_USE
 * when the new line would not cover what is drawn: balance + line - net debit < 0.
 */
export function setCreditLine(state: EngineState, cmd: CreditCommand): void {
  const p = known(state, 'credit', cmd.participantId);
  if (p === undefined) return;
  if (badAmount(cmd.lineMinor)) return refuse(state, 'credit', p.id, 'INVALID_AMOUNT');
  if (p.balanceMinor + cmd.lineMinor - p.netDebitMinor < 0n) return refuse(state, 'credit', p.id, 'CREDIT_IN_USE');
  p.creditLineMinor = cmd.lineMinor;
  refreshControls(p);
  emit(state, { type: 'creditLine', participantId: p.id, lineMinor: p.creditLineMinor, availableMinor: availableMinor(p) });
  watchPosition(state, p);
  markImproved(state, p);
}

/** Reservations are floors, not pots: they stand until changed and using them does not shrink them. */
export function reserve(state: EngineState, cmd: ReserveCommand): void {
  const p = known(state, 'reserve', cmd.participantId);
  if (p === undefined) return;
  if (badAmount(cmd.urgentMinor) || badAmount(cmd.highMinor) || cmd.urgentMinor + cmd.highMinor > MAX_AMOUNT_MINOR) {
    return refuse(state, 'reserve', p.id, 'INVALID_AMOUNT');
  }
  p.reserveUrgentMinor = cmd.urgentMinor;
  p.reserveHighMinor = cmd.highMinor;
  refreshControls(p);
  emit(state, { type: 'reserved', participantId: p.id, urgentMinor: p.reserveUrgentMinor, highMinor: p.reserveHighMinor });
  markImproved(state, p);
}

/** Replaces all of the participant's sender limits; a counterparty must be another known participant. */
export function setLimits(state: EngineState, cmd: LimitsCommand): void {
  const p = known(state, 'limits', cmd.participantId);
  if (p === undefined) return;
  const entries = Object.entries(cmd.bilateral);
  if (entries.length > MAX_BILATERAL_LIMITS) return refuse(state, 'limits', p.id, 'INVALID_PAYLOAD');
  const bilateral = new Map<number, bigint>();
  for (const [counterpartyId, limitMinor] of entries) {
    const counterparty = state.participantById.get(counterpartyId);
    if (counterparty === undefined) return refuse(state, 'limits', p.id, 'UNKNOWN_PARTICIPANT');
    if (counterparty === p) return refuse(state, 'limits', p.id, 'SAME_PARTICIPANT');
    if (badAmount(limitMinor)) return refuse(state, 'limits', p.id, 'INVALID_AMOUNT');
    bilateral.set(counterparty.index, limitMinor);
  }
  if (cmd.multilateralMinor !== undefined && badAmount(cmd.multilateralMinor)) return refuse(state, 'limits', p.id, 'INVALID_AMOUNT');
  p.bilateralLimits = bilateral.size === 0 ? undefined : bilateral;
  p.multilateralLimitMinor = cmd.multilateralMinor;
  refreshControls(p);
  emit(state, limitsEvent(state, p));
  markImproved(state, p);
}

export function limitsEvent(state: EngineState, p: ParticipantState): { type: 'limitsSet'; participantId: string; bilateral: { counterparty: string; limitMinor: bigint }[]; multilateralMinor?: bigint } {
  const bilateral = [...(p.bilateralLimits ?? new Map<number, bigint>())]
    .map(([index, limitMinor]) => ({ counterparty: (state.participants[index] as ParticipantState).id, limitMinor }))
    .sort((a, b) => (a.counterparty < b.counterparty ? -1 : a.counterparty > b.counterparty ? 1 : 0));
  return p.multilateralLimitMinor === undefined
    ? { type: 'limitsSet', participantId: p.id, bilateral }
    : { type: 'limitsSet', participantId: p.id, bilateral, multilateralMinor: p.multilateralLimitMinor };
}

/** 头寸预警 threshold; set while already below it, the warning fires at once. */
export function setWarning(state: EngineState, cmd: WarningCommand): void {
  const p = known(state, 'warning', cmd.participantId);
  if (p === undefined) return;
  if (cmd.thresholdMinor !== undefined && badAmount(cmd.thresholdMinor)) return refuse(state, 'warning', p.id, 'INVALID_AMOUNT');
  p.warningThresholdMinor = cmd.thresholdMinor;
  p.warned = false;
  emit(state, cmd.thresholdMinor === undefined ? { type: 'warningThreshold', participantId: p.id } : { type: 'warningThreshold', participantId: p.id, thresholdMinor: cmd.thresholdMinor });
  watchPosition(state, p);
}
