import { PAYMENT_KINDS, type PaymentKind, type PaymentPriority } from '../domain/payment';
import { REASON_CODES, type ReasonCode } from '../domain/reason-codes';

/**
 * Every payment the engine has seen, as columns indexed by row (row = arrival order, from 0).
 * Columns rather than one object per payment: a day holds a million payments, and a million
 * long-lived objects are what the garbage collector spends its time copying and marking; a
 * handful of large arrays of strings, numbers and bigints (the amounts and ids the commands
 * brought in) it skips over. Rows never move or disappear.
 */
export const ENGINE_STATUSES = ['queued', 'settled', 'netted', 'rejected', 'cancelled', 'returned', 'expired', 'scheduled'] as const;
export type EngineStatus = (typeof ENGINE_STATUSES)[number];

/**
 * Status, kind and reason columns hold small codes in typed arrays, not strings: three
 * million-entry arrays of pointers were what the collector scanned and copied as the day grew
 * (issue 11 profile). The codes index ENGINE_STATUSES, PAYMENT_KINDS and REASON_LIST.
 */
export const QUEUED = 0;
export const SETTLED = 1;
export const NETTED = 2;
export const REJECTED = 3;
export const CANCELLED = 4;
export const RETURNED = 5;
export const EXPIRED = 6;
export const SCHEDULED = 7;
export const STATUS_CODE: Readonly<Record<EngineStatus, number>> = { queued: QUEUED, settled: SETTLED, netted: NETTED, rejected: REJECTED, cancelled: CANCELLED, returned: RETURNED, expired: EXPIRED, scheduled: SCHEDULED };

export const KIND_HVPS = 0;
export const KIND_BEPS = 1;
export const KIND_BILL = 2;
export const KIND_RETURN = 3;
const KIND_CODE: Readonly<Record<PaymentKind, number>> = { hvps: KIND_HVPS, beps: KIND_BEPS, bill: KIND_BILL, return: KIND_RETURN };

/** Reason code column: 0 = none, else 1 + index here. */
const REASON_LIST = Object.keys(REASON_CODES) as ReasonCode[];
const REASON_INDEX = new Map<string, number>(REASON_LIST.map((code, i) => [code, i + 1]));

/** A timed or warehoused payment's window. Sparse: most payments have none. */
export interface PaymentTiming {
  earliestMinute?: number;
  latestMinute?: number;
  /** Index into EngineState.days of the business day it enters on. */
  enterDayIndex: number;
}

/** RTGS payments settle gross; DNS payments are netted in cycles. */
export const CHANNEL_RTGS = 0;
export const CHANNEL_DNS = 1;
export type Channel = typeof CHANNEL_RTGS | typeof CHANNEL_DNS;

/** stoppedBy value for a stop by the clearing centre (no participant id starts with '*'). */
export const CENTRE_STOP = '*centre';

/** Participant index for a party the engine does not know (the payment is rejected). */
export const UNKNOWN_PARTY_INDEX = -1;

/** cycleId column value for "not in a cycle". */
export const NO_CYCLE = 0;

const INITIAL_CAPACITY = 1024;
const INT64_MAX = 2n ** 63n - 1n;

function grown<T extends Int32Array | Uint8Array | BigInt64Array | Float64Array>(column: T, capacity: number): T {
  const next = new (column.constructor as new (length: number) => T)(capacity);
  (next as unknown as { set(from: T): void }).set(column);
  return next;
}

export class PaymentTable {
  private capacity = INITIAL_CAPACITY;
  readonly id: string[] = [];
  /** Codes: KIND_HVPS .. KIND_RETURN. */
  kind = new Uint8Array(INITIAL_CAPACITY);
  /** Codes: QUEUED .. SCHEDULED. */
  status = new Uint8Array(INITIAL_CAPACITY);
  /** 0 = no reason; see reasonOf / setReason. */
  reasonCode = new Uint8Array(INITIAL_CAPACITY);
  // Numeric columns are typed arrays: compact, and nothing in them for the collector to trace.
  // They are replaced as they grow, so read them through the table, not a saved reference,
  // across an `add`.
  channel = new Uint8Array(INITIAL_CAPACITY);
  /** Participant indexes. */
  from = new Int32Array(INITIAL_CAPACITY);
  to = new Int32Array(INITIAL_CAPACITY);
  priority = new Uint8Array(INITIAL_CAPACITY);
  /**
   * Amounts in a BigInt64Array: the value is copied in, so the command's bigint is not kept
   * alive a whole day. Accepted amounts are within MAX_AMOUNT_MINOR, far inside 64 bits; a
   * rejected payment's out-of-range amount is kept aside in `wideAmounts`.
   */
  amount = new BigInt64Array(INITIAL_CAPACITY);
  /** NO_CYCLE until admitted to a cycle. */
  cycleId = new Int32Array(INITIAL_CAPACITY);
  /**
   * Queue order within a priority class: the arrival sequence when the payment entered (a
   * timed payment enters when its time comes, not when it was submitted), lowered or raised by
   * `reorder`. A float: `reorder top` goes below the smallest, exact to 2^53.
   */
  order = new Float64Array(INITIAL_CAPACITY);
  /** The next arrival sequence number. */
  nextOrder = 0;
  /** Timed and warehoused payments only. */
  readonly timing = new Map<number, PaymentTiming>();
  /** kind 'return' only: the original payment's id. Sparse. */
  readonly originalId = new Map<number, string>();
  /** For an original payment: sum of returns (pacs.004) accepted against it. Sparse. */
  readonly returnedMinor = new Map<number, bigint>();
  /**
   * Stopped (止付) payments: status stays queued or scheduled, but the row is in no queue and
   * not in the schedule. Value: the participant that stopped it, or CENTRE_STOP. Sparse.
   */
  readonly stoppedBy = new Map<number, string>();
  /** Rejected payments' amounts beyond 64 bits. Sparse. */
  readonly wideAmounts = new Map<number, bigint>();
  /** Rejected payments naming a participant the engine does not know: the ids as given. Sparse. */
  readonly unknownParties = new Map<number, { from: string; to: string }>();

  get count(): number {
    return this.id.length;
  }

  /** Appends a payment and returns its row. */
  add(id: string, kind: PaymentKind, channel: Channel, from: number, to: number, amountMinor: bigint, priority: PaymentPriority): number {
    const row = this.id.length;
    if (row === this.capacity) this.grow();
    this.id.push(id);
    this.kind[row] = KIND_CODE[kind];
    this.status[row] = QUEUED;
    this.reasonCode[row] = 0;
    if (amountMinor > INT64_MAX || amountMinor < -INT64_MAX) {
      this.wideAmounts.set(row, amountMinor);
      this.amount[row] = 0n;
    } else {
      this.amount[row] = amountMinor;
    }
    this.channel[row] = channel;
    this.from[row] = from;
    this.to[row] = to;
    this.priority[row] = priority;
    this.cycleId[row] = NO_CYCLE;
    this.order[row] = this.nextOrder;
    this.nextOrder += 1;
    return row;
  }

  private grow(): void {
    this.capacity *= 2;
    this.kind = grown(this.kind, this.capacity);
    this.status = grown(this.status, this.capacity);
    this.reasonCode = grown(this.reasonCode, this.capacity);
    this.channel = grown(this.channel, this.capacity);
    this.from = grown(this.from, this.capacity);
    this.to = grown(this.to, this.capacity);
    this.priority = grown(this.priority, this.capacity);
    this.cycleId = grown(this.cycleId, this.capacity);
    this.amount = grown(this.amount, this.capacity);
    this.order = grown(this.order, this.capacity);
  }

  statusOf(row: number): EngineStatus {
    return ENGINE_STATUSES[this.status[row] as number] as EngineStatus;
  }

  kindOf(row: number): PaymentKind {
    return PAYMENT_KINDS[this.kind[row] as number] as PaymentKind;
  }

  reasonOf(row: number): ReasonCode | undefined {
    const code = this.reasonCode[row] as number;
    return code === 0 ? undefined : REASON_LIST[code - 1];
  }

  setReason(row: number, reason: ReasonCode | undefined): void {
    if (reason === undefined) {
      this.reasonCode[row] = 0;
      return;
    }
    const code = REASON_INDEX.get(reason);
    if (code === undefined || code > 255) throw new RangeError(`reason ${reason} has no code`);
    this.reasonCode[row] = code;
  }

  /** The amount as submitted, also for a rejected payment's out-of-range amount. */
  amountOf(row: number): bigint {
    return this.wideAmounts.get(row) ?? (this.amount[row] as bigint);
  }

  returned(row: number): bigint {
    return this.returnedMinor.get(row) ?? 0n;
  }
}
