import type { PaymentKind, PaymentPriority } from '../domain/payment';
import type { CurrencyCode } from '../money/currency';

/**
 * Commands the clearing engine accepts. They are plain objects, already validated at the
 * boundary (scenario reader, house HTTP handler): the engine trusts their shape and checks only
 * the business rules. Amounts are bigint minor units. Ids and time come in with the command.
 */

/** Submit a payment. `currency`, when present, must be the engine's currency. */
export interface PayCommand {
  type: 'pay';
  id: string;
  kind: PaymentKind;
  from: string;
  to: string;
  amountMinor: bigint;
  /** 0 urgent-high, 1 urgent, 2 normal (default). Orders the RTGS queue; DNS is arrival order. */
  priority?: PaymentPriority;
  currency?: CurrencyCode;
  /** kind 'return' only (pacs.004): the settled payment being sent back. */
  originalId?: string;
  /** hvps only: earliest settlement time (最早结算时间), minute of the business day 0..1439. */
  earliestMinute?: number;
  /** hvps only: reject time; not settled when the clock passes it = `expired`. */
  latestMinute?: number;
  /** Warehoused: business days ahead, 0..MAX_VALUE_DAYS (default 0). */
  valueDay?: number;
}

/** Cancel a queued payment. `by`, when present, must be the sender. */
export interface CancelCommand {
  type: 'cancel';
  paymentId: string;
  by?: string;
}

/** Change the priority of a queued payment; it keeps its arrival time. */
export interface ReprioritiseCommand {
  type: 'reprioritise';
  paymentId: string;
  priority: PaymentPriority;
  by?: string;
}

/** The paying bank (`from`) returns a presented bill (退票) before its cycle closes. */
export interface ReturnBillCommand {
  type: 'return';
  paymentId: string;
  by?: string;
}

/** Multilateral offsetting of the RTGS queue (liquidity saving), on demand or on a schedule. */
export interface OffsetCommand {
  type: 'offset';
}

/** Close the open DNS cycle, settle its net positions and open the next one. */
export interface CloseCycleCommand {
  type: 'closeCycle';
}

/** Close the business day. Without `nextBusinessDate` the next Monday-to-Friday date is used. */
export interface EndOfDayCommand {
  type: 'endOfDay';
  nextBusinessDate?: string;
}

/** Central-bank liquidity: set the settlement account balance outright. */
export interface SetBalanceCommand {
  type: 'setBalance';
  participantId: string;
  balanceMinor: bigint;
}

/** Central-bank liquidity in (positive) or out (negative). */
export interface AdjustCommand {
  type: 'adjust';
  participantId: string;
  amountMinor: bigint;
}

export interface SetNetDebitCapCommand {
  type: 'setNetDebitCap';
  participantId: string;
  netDebitCapMinor: bigint;
}

export interface AddParticipantCommand {
  type: 'addParticipant';
  id: string;
  balanceMinor: bigint;
  netDebitCapMinor: bigint;
  creditLineMinor?: bigint;
}

/** Move a queued RTGS payment to the front or back of its priority class in its sender's queue. */
export interface ReorderCommand {
  type: 'reorder';
  paymentId: string;
  to: 'top' | 'bottom';
  by?: string;
}

/**
 * 止付: stop a queued or scheduled payment pending investigation. It leaves its queue (or the
 * schedule) and cannot settle or enter until released or cancelled. `by`, when present, must
 * be the sender (a bank's supervisor); absent = the clearing centre.
 */
export interface StopCommand {
  type: 'stop';
  paymentId: string;
  by?: string;
}

/** 解除止付: a stopped payment re-enters as a new arrival. Only who stopped it (or the centre) releases it. */
export interface ReleaseCommand {
  type: 'release';
  paymentId: string;
  by?: string;
}

/** The business clock (minute of the day, 0..1439); it only moves forward within a day. */
export interface TimeCommand {
  type: 'time';
  minuteOfDay: number;
}

/** Intraday credit line (日间透支额度) against pledged collateral; set by the clearing centre. */
export interface CreditCommand {
  type: 'credit';
  participantId: string;
  lineMinor: bigint;
}

/** Reservations: floors for urgent (priority 1) and normal (priority 2) payments. */
export interface ReserveCommand {
  type: 'reserve';
  participantId: string;
  urgentMinor: bigint;
  highMinor: bigint;
}

/** Sender limits for normal payments; replaces all of the participant's limits. */
export interface LimitsCommand {
  type: 'limits';
  participantId: string;
  /** Counterparty id -> limit. */
  bilateral: Readonly<Record<string, bigint>>;
  multilateralMinor?: bigint;
}

/** Position warning (头寸预警) threshold; absent switches the warning off. */
export interface WarningCommand {
  type: 'warning';
  participantId: string;
  thresholdMinor?: bigint;
}

export type EngineCommand =
  | PayCommand
  | CancelCommand
  | ReprioritiseCommand
  | ReturnBillCommand
  | OffsetCommand
  | CloseCycleCommand
  | EndOfDayCommand
  | SetBalanceCommand
  | AdjustCommand
  | SetNetDebitCapCommand
  | AddParticipantCommand
  | ReorderCommand
  | TimeCommand
  | CreditCommand
  | ReserveCommand
  | LimitsCommand
  | WarningCommand
  | StopCommand
  | ReleaseCommand;

export type EngineCommandType = EngineCommand['type'];

export const ENGINE_COMMAND_TYPES: readonly EngineCommandType[] = [
  'pay',
  'cancel',
  'reprioritise',
  'return',
  'offset',
  'closeCycle',
  'endOfDay',
  'setBalance',
  'adjust',
  'setNetDebitCap',
  'addParticipant',
  'reorder',
  'time',
  'credit',
  'reserve',
  'limits',
  'warning',
  'stop',
  'release',
];
