import type { PaymentKind, PaymentPriority } from '../domain/payment';
import type { ReasonCode } from '../domain/reason-codes';
import { availableMinor } from './positions';
import type { EngineState, EngineStatus, ParticipantState } from './state';

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
    cycleNetMinor: p.cycleNetMinor + p.cycleBillCreditMinor,
    queuedCount: p.waitingCount,
  };
}

export function paymentView(state: EngineState, row: number): PaymentView {
  const t = state.payments;
  const unknown = t.unknownParties.get(row);
  const view: PaymentView = {
    id: t.id[row] as string,
    kind: t.kind[row] as PaymentKind,
    from: unknown?.from ?? state.fromOf(row).id,
    to: unknown?.to ?? state.toOf(row).id,
    amountMinor: t.amountOf(row),
    priority: t.priority[row] as PaymentPriority,
    status: t.status[row] as EngineStatus,
  };
  const reason = t.reason[row];
  const cycleId = t.cycleId[row] as number;
  const settledDate = t.status[row] === 'settled' ? state.dateOfRow(row) : undefined;
  const originalId = t.originalId.get(row);
  const returnedMinor = t.returned(row);
  if (reason !== undefined) view.reason = reason;
  if (cycleId !== 0) view.cycleId = cycleId;
  if (settledDate !== undefined) view.settledDate = settledDate;
  if (originalId !== undefined) view.originalId = originalId;
  if (returnedMinor !== 0n) view.returnedMinor = returnedMinor;
  return view;
}
