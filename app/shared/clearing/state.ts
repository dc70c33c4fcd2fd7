import type { CurrencyCode } from '../money/currency';
import type { EngineEvent, BilateralNet, ParticipantNet } from './events';
import { Deque } from './deque';
import { PaymentIndex } from './payment-index';
import { PairPositions } from './pair-positions';
import { PaymentTable } from './payment-table';

export { CHANNEL_DNS, CHANNEL_RTGS, NO_CYCLE, UNKNOWN_PARTY_INDEX, type Channel, type EngineStatus } from './payment-table';

/**
 * The engine's internal, mutable state; the hot path mutates it in place. Payments are rows
 * of the PaymentTable (numbers everywhere below: queues hold rows); participants are objects
 * (a few hundred), with one stable shape.
 */
export const PRIORITY_COUNT = 3;

export class ParticipantState {
  /** Open cycle: firm credits minus debits admitted so far (signed). */
  cycleNetMinor = 0n;
  /**
   * Bill credits stay out of the earmark until the cycle closes: the paying bank may still
   * return the bill, and a credit that can vanish must not fund anything.
   */
  cycleBillCreditMinor = 0n;
  /** max(0, -cycleNet): the earmarked amount (圈存). */
  netDebitMinor = 0n;
  /** RTGS queue, one FIFO of payment rows per priority. */
  readonly rtgs: Deque<number>[] = [new Deque(), new Deque(), new Deque()];
  rtgsCount = 0;
  /** Queued RTGS rows by receiver index, in arrival order: bilateral offsetting looks here. */
  readonly rtgsByReceiver = new Map<number, number[]>();
  /** DNS payment rows waiting for admission, arrival order. */
  readonly dns = new Deque<number>();
  inWorklist = false;
  /** Day statement inputs. */
  openingBalanceMinor: bigint;
  liquidityInMinor = 0n;
  liquidityOutMinor = 0n;
  /** Net of today's closed cycles: with the liquidity moves it separates RTGS flows from the balance. */
  dnsSettledTodayMinor = 0n;
  /** Intraday credit line (DESIGN 4.1): the balance may go down to -creditLine. */
  creditLineMinor = 0n;
  /** Reservations: floor(1) = urgent, floor(2) = urgent + high. */
  reserveUrgentMinor = 0n;
  reserveHighMinor = 0n;
  floor1Minor = 0n;
  floor2Minor = 0n;
  /** Any credit line or reservation: the hot path skips the floor arithmetic when false. */
  controlled = false;
  /** Sender limits for normal payments, by counterparty index. */
  bilateralLimits: Map<number, bigint> | undefined = undefined;
  multilateralLimitMinor: bigint | undefined = undefined;
  limited = false;
  /** 头寸预警 threshold; `warned` while available is below it (one event per crossing). */
  warningThresholdMinor: bigint | undefined = undefined;
  warned = false;
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
  readonly payments = new PaymentTable();
  readonly paymentIndex = new PaymentIndex(this.payments.id);
  openCycleId = 1;
  /** Rows admitted to the open cycle, in admission order (returned bills stay, marked). */
  cyclePayments: number[] = [];
  readonly closedCycles: ClosedCycle[] = [];
  /**
   * Where each business day's rows begin. A payment settles on the day it arrived or not at
   * all (end of day expires what is left), so a row's settlement date follows from its row and
   * today's settlements are the settled rows from today's first row on.
   */
  readonly days: { businessDate: string; firstRow: number }[];
  /** Business clock, minute of the day (DESIGN 4.1): 0 at the start of each day, forward only. */
  clockMinute = 0;
  /** Scheduled rows (timed or warehoused), in the order they become due. */
  scheduled: number[] = [];
  /** Rows with a latest time that may still be waiting (queued or scheduled). */
  timedRows: number[] = [];
  /** Rows that entered today but were submitted on an earlier day (warehoused). */
  carriedRows: number[] = [];
  /** Today's bilateral RTGS positions (sender limits, accounts). */
  readonly pairs = new PairPositions();
  /** Sum of all balances; changes only by central-bank liquidity. */
  totalMoneyMinor = 0n;
  /** Participants whose position improved and whose queues must be retried, in order. */
  worklist: ParticipantState[] = [];
  /** Events of the command being applied (NO_EVENTS until the first). */
  out: EngineEvent[] = NO_EVENTS;
  /** When set (`applyWith`), events go straight to the caller instead of into `out`. */
  sink: ((event: EngineEvent) => void) | undefined = undefined;
  /** `applyCounting`: events are only counted here; the hot paths build no event object. */
  counting = false;
  counted = 0;
  /** Run the full invariant scan after every command (tests); the hot path skips it. */
  paranoid = false;
  constructor(
    readonly currency: CurrencyCode,
    public businessDate: string,
  ) {
    this.days = [{ businessDate, firstRow: 0 }];
  }

  /** Index in `days` of today. */
  get todayIndex(): number {
    return this.days.length - 1;
  }

  /** Business date a row entered on (and settled on, if it settled). */
  dateOfRow(row: number): string {
    const timing = this.payments.timing.get(row);
    if (timing !== undefined && timing.enterDayIndex < this.days.length) return (this.days[timing.enterDayIndex] as { businessDate: string }).businessDate;
    let lo = 0;
    let hi = this.days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.days[mid] as { firstRow: number }).firstRow <= row) lo = mid;
      else hi = mid - 1;
    }
    return (this.days[lo] as { businessDate: string }).businessDate;
  }

  get todayFirstRow(): number {
    return (this.days[this.days.length - 1] as { firstRow: number }).firstRow;
  }

  /** Sender of a row (known participant: only rows that passed validation reach the queues). */
  fromOf(row: number): ParticipantState {
    return this.participants[this.payments.from[row] as number] as ParticipantState;
  }

  toOf(row: number): ParticipantState {
    return this.participants[this.payments.to[row] as number] as ParticipantState;
  }

  rowOf(id: string): number {
    return this.paymentIndex.rowOf(id);
  }
}

/** Shared and never written to: `emit` replaces it with an array of its own. */
export const NO_EVENTS: EngineEvent[] = [];

/**
 * Records an event of the command being applied. Most commands yield one event: an array
 * literal of one is a third the size of the backing store a push onto an empty array makes.
 */
export function emit(state: EngineState, event: EngineEvent): void {
  if (state.counting) {
    state.counted += 1;
    return;
  }
  const sink = state.sink;
  if (sink !== undefined) sink(event);
  else if (state.out === NO_EVENTS) state.out = [event];
  else state.out.push(event);
}

/**
 * For the hot paths (a payment settled, netted or queued): true, and the event counted, when
 * the caller only counts events, so the event object is never built. Everywhere else `emit`
 * counts the object it is given. Same events, same count, either way.
 *
 *   if (!countedOnly(state)) emit(state, { type: 'settled', ... });
 */
export function countedOnly(state: EngineState): boolean {
  if (!state.counting) return false;
  state.counted += 1;
  return true;
}

/** A broken invariant: a bug, never a user error. The engine stops rather than continue. */
export class InvariantError extends Error {
  constructor(message: string) {
    super(`clearing invariant broken: ${message}`);
    this.name = 'InvariantError';
  }
}
