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
  | AddParticipantCommand;

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
];
