import type { PaymentKind, PaymentPriority } from '../domain/payment';
import type { ReasonCode } from '../domain/reason-codes';
import type { CurrencyCode } from '../money/currency';
import type { EngineEvent, BilateralNet, ParticipantNet } from './events';
import { Deque } from './deque';
import { PaymentIndex } from './payment-index';

/**
 * The engine's internal, mutable state. Classes (not object literals) so V8 gives every
 * payment and participant one stable shape; the hot path mutates them in place.
 */

/** RTGS payments settle gross; DNS payments are netted in cycles. */
export const CHANNEL_RTGS = 0;
export const CHANNEL_DNS = 1;
export type Channel = typeof CHANNEL_RTGS | typeof CHANNEL_DNS;

export type EngineStatus = 'queued' | 'settled' | 'netted' | 'rejected' | 'cancelled' | 'returned' | 'expired';

export const PRIORITY_COUNT = 3;

export class PaymentState {
  status: EngineStatus = 'queued';
  reason: ReasonCode | undefined = undefined;
  cycleId: number | undefined = undefined;
  /** Business date on which it settled; feeds the day's statement totals. */
  settledDate: string | undefined = undefined;
  /** For an original payment: sum of returns (pacs.004) accepted against it. */
  returnedMinor = 0n;
  constructor(
    readonly id: string,
    readonly kind: PaymentKind,
    readonly channel: Channel,
    /** Null when the participant is unknown (the payment is then rejected). */
    readonly from: ParticipantState | null,
    readonly to: ParticipantState | null,
    readonly fromId: string,
    readonly toId: string,
    readonly amountMinor: bigint,
    public priority: PaymentPriority,
    /** Arrival order, assigned by the engine; orders queues and retries. */
    readonly seq: number,
    readonly originalId: string | undefined,
  ) {}
}

export class ParticipantState {
  /** Open cycle: admitted debits, firm credits and credits from presented bills. */
  cycleDebitMinor = 0n;
  cycleCreditMinor = 0n;
  /**
   * Bill credits stay out of the earmark until the cycle closes: the paying bank may still
   * return the bill, and a credit that can vanish must not fund anything.
   */
  cycleBillCreditMinor = 0n;
  /** max(0, cycleDebit - cycleCredit): the earmarked amount (圈存). */
  netDebitMinor = 0n;
  /** RTGS queue, one FIFO per priority. */
  readonly rtgs: Deque<PaymentState>[] = [new Deque(), new Deque(), new Deque()];
  rtgsCount = 0;
  /** Queued RTGS payments by receiver index, in arrival order: bilateral offsetting looks here. */
  readonly rtgsByReceiver = new Map<number, PaymentState[]>();
  /** DNS payments waiting for admission, arrival order. */
  readonly dns = new Deque<PaymentState>();
  inWorklist = false;
  /** Day statement inputs. */
  openingBalanceMinor: bigint;
  liquidityInMinor = 0n;
  liquidityOutMinor = 0n;
  constructor(
    readonly id: string,
    readonly index: number,
    public balanceMinor: bigint,
    public netDebitCapMinor: bigint,
  ) {
    this.openingBalanceMinor = balanceMinor;
  }

  get waitingCount(): number {
    return this.rtgsCount + this.dns.length;
  }
}

export interface ClosedCycle {
  id: number;
  businessDate: string;
  paymentCount: number;
  net: ParticipantNet[];
  bilateral: BilateralNet[];
}

export class EngineState {
  readonly participants: ParticipantState[] = [];
  readonly participantById = new Map<string, ParticipantState>();
  readonly payments = new PaymentIndex();
  nextSeq = 1;
  openCycleId = 1;
  /** Payments admitted to the open cycle, in admission order (returned bills stay, marked). */
  cyclePayments: PaymentState[] = [];
  readonly closedCycles: ClosedCycle[] = [];
  /** Payments settled today, for the day totals. */
  daySettled: PaymentState[] = [];
  /** Sum of all balances; changes only by central-bank liquidity. */
  totalMoneyMinor = 0n;
  /** Participants whose position improved and whose queues must be retried, in order. */
  worklist: ParticipantState[] = [];
  /** Events of the command being applied. */
  out: EngineEvent[] = [];
  /** Run the full invariant scan after every command (tests); the hot path skips it. */
  paranoid = false;
  constructor(
    readonly currency: CurrencyCode,
    public businessDate: string,
  ) {}
}

/** A broken invariant: a bug, never a user error. The engine stops rather than continue. */
export class InvariantError extends Error {
  constructor(message: string) {
    super(`clearing invariant broken: ${message}`);
    this.name = 'InvariantError';
  }
}

