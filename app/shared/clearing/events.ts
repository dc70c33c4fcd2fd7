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

/** END_OF_DAY: still waiting at 日终; LATEST_TIME: the clock passed its latest (reject) time. */
export interface ExpiredEvent {
  type: 'expired';
  paymentId: string;
  reason: 'END_OF_DAY' | 'LATEST_TIME';
}

/** A timed or warehoused payment accepted and waiting for its time or day. */
export interface ScheduledEvent {
  type: 'scheduled';
  paymentId: string;
  kind: PaymentKind;
  from: string;
  to: string;
  amountMinor: bigint;
  priority: PaymentPriority;
  /** Business days ahead it enters (0: today, at its earliest time). */
  valueDay: number;
  earliestMinute?: number;
  latestMinute?: number;
}

/** 止付: taken out of its queue or the schedule; `by` absent = the clearing centre. */
export interface StoppedEvent {
  type: 'stopped';
  paymentId: string;
  by?: string;
}

/** 解除止付: the payment is back in its queue or the schedule (its status says which). */
export interface ReleasedEvent {
  type: 'released';
  paymentId: string;
  by?: string;
}

export interface ReorderedEvent {
  type: 'reordered';
  paymentId: string;
  to: 'top' | 'bottom';
}

/** The business clock moved (only when the minute changes). */
export interface ClockEvent {
  type: 'clock';
  minuteOfDay: number;
}

export interface CreditLineEvent {
  type: 'creditLine';
  participantId: string;
  lineMinor: bigint;
  availableMinor: bigint;
}

export interface ReservedEvent {
  type: 'reserved';
  participantId: string;
  urgentMinor: bigint;
  highMinor: bigint;
}

export interface LimitsEvent {
  type: 'limitsSet';
  participantId: string;
  /** Sorted by counterparty id. */
  bilateral: { counterparty: string; limitMinor: bigint }[];
  multilateralMinor?: bigint;
}

export interface WarningThresholdEvent {
  type: 'warningThreshold';
  participantId: string;
  thresholdMinor?: bigint;
}

/**
 * 头寸预警: the participant's available balance crossed its threshold, downwards (`below`)
 * or back up. Once per crossing.
 */
export interface PositionWarningEvent {
  type: 'positionWarning';
  participantId: string;
  below: boolean;
  availableMinor: bigint;
  thresholdMinor: bigint;
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
  /** Overnight credit: how far the closing balance is below zero (intraday credit not paid back). */
  overnightCreditMinor: bigint;
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
  | DayClosedEvent
  | ScheduledEvent
  | ReorderedEvent
  | ClockEvent
  | CreditLineEvent
  | ReservedEvent
  | LimitsEvent
  | WarningThresholdEvent
  | PositionWarningEvent
  | StoppedEvent
  | ReleasedEvent;

export type EngineEventType = EngineEvent['type'];
