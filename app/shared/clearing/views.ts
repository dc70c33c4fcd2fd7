import type { PaymentKind, PaymentPriority } from '../domain/payment';
import type { ReasonCode } from '../domain/reason-codes';
import { availableMinor } from './positions';
import type { EngineStatus, PaymentState, ParticipantState } from './state';

export interface ParticipantView {
  id: string;
  balanceMinor: bigint;
  netDebitCapMinor: bigint;
  /** Earmarked for the open cycle (圈存). */
  netDebitMinor: bigint;
  /** balance - net debit: what RTGS payments may use. */
  availableMinor: bigint;
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
}

export function participantView(p: ParticipantState): ParticipantView {
  return {
    id: p.id,
    balanceMinor: p.balanceMinor,
    netDebitCapMinor: p.netDebitCapMinor,
    netDebitMinor: p.netDebitMinor,
    availableMinor: availableMinor(p),
    cycleNetMinor: p.cycleCreditMinor + p.cycleBillCreditMinor - p.cycleDebitMinor,
    queuedCount: p.waitingCount,
  };
}

export function paymentView(p: PaymentState): PaymentView {
  const view: PaymentView = {
    id: p.id,
    kind: p.kind,
    from: p.fromId,
    to: p.toId,
    amountMinor: p.amountMinor,
    priority: p.priority,
    status: p.status,
  };
  if (p.reason !== undefined) view.reason = p.reason;
  if (p.cycleId !== undefined) view.cycleId = p.cycleId;
  if (p.settledDate !== undefined) view.settledDate = p.settledDate;
  if (p.originalId !== undefined) view.originalId = p.originalId;
  if (p.returnedMinor !== 0n) view.returnedMinor = p.returnedMinor;
  return view;
}
