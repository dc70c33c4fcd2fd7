import type { PaymentKind, PaymentPriority } from '../domain/payment';
import type { ReasonCode } from '../domain/reason-codes';
import { availableMinor } from './positions';
import { CENTRE_STOP } from './payment-table';
import type { EngineState, EngineStatus, ParticipantState } from './state';
import { SETTLED } from './payment-table';

export interface ParticipantView {
  id: string;
  balanceMinor: bigint;
  netDebitCapMinor: bigint;
  /** Earmarked for the open cycle (圈存). */
  netDebitMinor: bigint;
  /** balance + credit line - net debit: what RTGS payments may use. */
  availableMinor: bigint;
  /** Intraday credit line (0: none). */
  creditLineMinor: bigint;
  /** Open cycle position so far (credits, presented bills included, minus debits). */
  cycleNetMinor: bigint;
  /** RTGS queue plus DNS payments waiting for admission. */
  queuedCount: number;
}

export interface PaymentView {
  id: string;
  kind: PaymentKind;
  from: string;
  to: string;
  amountMinor: bigint;
  priority: PaymentPriority;
  status: EngineStatus;
  reason?: ReasonCode;
  cycleId?: number;
  settledDate?: string;
  originalId?: string;
  /** For an original payment: amount already sent back by returns. */
  returnedMinor?: bigint;
  /** 止付: stopped pending investigation (waits in no queue); by whom (absent: the clearing centre). */
  stopped?: { by?: string };
  /** Timed payments: earliest and latest minute of the business day. */
  earliestMinute?: number;
  latestMinute?: number;
}

/** A participant's liquidity controls and today's bilateral positions (DESIGN 4.1). */
export interface LiquidityView {
  participantId: string;
  creditLineMinor: bigint;
  availableMinor: bigint;
  reservations: { urgentMinor: bigint; highMinor: bigint };
  limits: { bilateral: Record<string, bigint>; multilateralMinor?: bigint };
  warningThresholdMinor?: bigint;
  /** True while available is below the warning threshold. */
  warned: boolean;
  /** Counterparty -> position (what it paid us minus what we paid it by RTGS today); non-zero only. */
  positions: Record<string, bigint>;
}

export function liquidityView(state: EngineState, p: ParticipantState): LiquidityView {
  const bilateral: Record<string, bigint> = {};
  for (const [index, limitMinor] of p.bilateralLimits ?? []) bilateral[(state.participants[index] as ParticipantState).id] = limitMinor;
  const positions: Record<string, bigint> = {};
  for (const [index, positionMinor] of state.pairs.of(p.index)) positions[(state.participants[index] as ParticipantState).id] = positionMinor;
  const view: LiquidityView = {
    participantId: p.id,
    creditLineMinor: p.creditLineMinor,
    availableMinor: availableMinor(p),
    reservations: { urgentMinor: p.reserveUrgentMinor, highMinor: p.reserveHighMinor },
    limits: p.multilateralLimitMinor === undefined ? { bilateral } : { bilateral, multilateralMinor: p.multilateralLimitMinor },
    warned: p.warned,
    positions,
  };
  if (p.warningThresholdMinor !== undefined) view.warningThresholdMinor = p.warningThresholdMinor;
  return view;
}

export function participantView(p: ParticipantState): ParticipantView {
  return {
    id: p.id,
    balanceMinor: p.balanceMinor,
    netDebitCapMinor: p.netDebitCapMinor,
    netDebitMinor: p.netDebitMinor,
    availableMinor: availableMinor(p),
    creditLineMinor: p.creditLineMinor,
    cycleNetMinor: p.cycleNetMinor + p.cycleBillCreditMinor,
    queuedCount: p.waitingCount,
  };
}

export function paymentView(state: EngineState, row: number): PaymentView {
  const t = state.payments;
  const unknown = t.unknownParties.get(row);
  const view: PaymentView = {
    id: t.id[row] as string,
    kind: t.kindOf(row),
    from: unknown?.from ?? state.fromOf(row).id,
    to: unknown?.to ?? state.toOf(row).id,
    amountMinor: t.amountOf(row),
    priority: t.priority[row] as PaymentPriority,
    status: t.statusOf(row),
  };
  const reason = t.reasonOf(row);
  const cycleId = t.cycleId[row] as number;
  const settledDate = t.status[row] === SETTLED ? state.dateOfRow(row) : undefined;
  const originalId = t.originalId.get(row);
  const returnedMinor = t.returned(row);
  if (reason !== undefined) view.reason = reason;
  if (cycleId !== 0) view.cycleId = cycleId;
  if (settledDate !== undefined) view.settledDate = settledDate;
  if (originalId !== undefined) view.originalId = originalId;
  const stoppedBy = t.stoppedBy.get(row);
  if (stoppedBy !== undefined) view.stopped = stoppedBy === CENTRE_STOP ? {} : { by: stoppedBy };
  if (returnedMinor !== 0n) view.returnedMinor = returnedMinor;
  const timing = t.timing.get(row);
  if (timing?.earliestMinute !== undefined) view.earliestMinute = timing.earliestMinute;
  if (timing?.latestMinute !== undefined) view.latestMinute = timing.latestMinute;
  return view;
}
