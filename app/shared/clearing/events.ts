import type { PaymentKind, PaymentPriority } from '../domain/payment';
import type { ReasonCode } from '../domain/reason-codes';
import type { EngineCommandType } from './commands';

/**
 * What the engine reports for each command, in the order things happened. The house persists
 * and publishes them; a console applies them to its cache. Amounts are bigint minor units.
 */

/** How a payment came to settle. */
export type SettlementVia = 'gross' | 'bilateral' | 'multilateral' | 'cycle';

export interface SettledEvent {
  type: 'settled';
  paymentId: string;
  kind: PaymentKind;
  from: string;
  to: string;
  amountMinor: bigint;
  via: SettlementVia;
  /** Set when `via` is 'cycle'. */
  cycleId?: number;
  /** Balances right after this settlement (after the whole batch for offsetting and cycles). */
  fromBalanceMinor: bigint;
  toBalanceMinor: bigint;
}

export interface QueuedEvent {
  type: 'queued';
  paymentId: string;
  kind: PaymentKind;
  from: string;
  to: string;
  amountMinor: bigint;
  priority: PaymentPriority;
  /** Why it could not go at once; absent when it only waits behind earlier payments. */
  reason?: ReasonCode;
}

/** Admitted into the open DNS cycle (PR03); the sender's net debit is earmarked. */
export interface NettedEvent {
  type: 'netted';
  paymentId: string;
  kind: PaymentKind;
  from: string;
  to: string;
  amountMinor: bigint;
  cycleId: number;
  fromNetDebitMinor: bigint;
}

/** A payment refused for good. DUPLICATE_ID leaves the original payment untouched. */
export interface RejectedEvent {
  type: 'rejected';
  paymentId: string;
  reason: ReasonCode;
}

/** A command that was well formed but could not apply; nothing changed. */
export interface RefusedEvent {
  type: 'refused';
  command: EngineCommandType;
  reason: ReasonCode;
  paymentId?: string;
  participantId?: string;
}

export interface CancelledEvent {
  type: 'cancelled';
  paymentId: string;
}

export interface ReprioritisedEvent {
  type: 'reprioritised';
  paymentId: string;
  priority: PaymentPriority;
}

/** A presented bill returned by the paying bank: taken out of the netting. */
export interface ReturnedEvent {
  type: 'returned';
  paymentId: string;
  cycleId?: number;
}

export interface ExpiredEvent {
  type: 'expired';
  paymentId: string;
  reason: 'END_OF_DAY';
}

export interface ParticipantAddedEvent {
  type: 'participantAdded';
  participantId: string;
  balanceMinor: bigint;
  netDebitCapMinor: bigint;
}

/** setBalance / adjust: central-bank liquidity moved in (positive delta) or out. */
export interface LiquidityEvent {
  type: 'liquidity';
  participantId: string;
  deltaMinor: bigint;
  balanceMinor: bigint;
}

export interface NetDebitCapEvent {
  type: 'netDebitCap';
  participantId: string;
  netDebitCapMinor: bigint;
}

export interface ParticipantNet {
  participantId: string;
  /** Multilateral net: positive receives, negative pays. */
  netMinor: bigint;
  balanceMinor: bigint;
}

export interface BilateralNet {
  payer: string;
  payee: string;
  amountMinor: bigint;
}

export interface OffsetCompletedEvent {
  type: 'offsetCompleted';
  settledCount: number;
  stillQueuedCount: number;
  /** Balance change per participant from this offsetting, for those that changed. */
  net: ParticipantNet[];
}

export interface CycleClosedEvent {
  type: 'cycleClosed';
  cycleId: number;
  businessDate: string;
  paymentCount: number;
  net: ParticipantNet[];
  bilateral: BilateralNet[];
}

/** Per-participant figures for the day's statement (camt.053-like). */
export interface DayTotals {
  participantId: string;
  openingBalanceMinor: bigint;
  creditsMinor: bigint;
  creditCount: number;
  debitsMinor: bigint;
  debitCount: number;
  liquidityInMinor: bigint;
  liquidityOutMinor: bigint;
  closingBalanceMinor: bigint;
  expiredCount: number;
}

export interface DayClosedEvent {
  type: 'dayClosed';
  businessDate: string;
  nextBusinessDate: string;
  totals: DayTotals[];
}

export type EngineEvent =
  | SettledEvent
  | QueuedEvent
  | NettedEvent
  | RejectedEvent
  | RefusedEvent
  | CancelledEvent
  | ReprioritisedEvent
  | ReturnedEvent
  | ExpiredEvent
  | ParticipantAddedEvent
  | LiquidityEvent
  | NetDebitCapEvent
  | OffsetCompletedEvent
  | CycleClosedEvent
  | DayClosedEvent;

export type EngineEventType = EngineEvent['type'];
