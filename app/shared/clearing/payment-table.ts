import type { PaymentKind, PaymentPriority } from '../domain/payment';
import type { ReasonCode } from '../domain/reason-codes';

/**
 * Every payment the engine has seen, as columns indexed by row (row = arrival order, from 0).
 * Columns rather than one object per payment: a day holds a million payments, and a million
 * long-lived objects are what the garbage collector spends its time copying and marking; a
 * handful of large arrays of strings, numbers and bigints (the amounts and ids the commands
 * brought in) it skips over. Rows never move or disappear.
 */
export type EngineStatus = 'queued' | 'settled' | 'netted' | 'rejected' | 'cancelled' | 'returned' | 'expired';

/** RTGS payments settle gross; DNS payments are netted in cycles. */
export const CHANNEL_RTGS = 0;
export const CHANNEL_DNS = 1;
export type Channel = typeof CHANNEL_RTGS | typeof CHANNEL_DNS;

/** Participant index for a party the engine does not know (the payment is rejected). */
export const UNKNOWN_PARTY_INDEX = -1;

/** cycleId column value for "not in a cycle". */
export const NO_CYCLE = 0;

export class PaymentTable {
  readonly id: string[] = [];
  readonly kind: PaymentKind[] = [];
  readonly channel: Channel[] = [];
  /** Participant indexes. */
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly amount: bigint[] = [];
  readonly priority: PaymentPriority[] = [];
  readonly status: EngineStatus[] = [];
  readonly reason: (ReasonCode | undefined)[] = [];
  readonly cycleId: number[] = [];
  /** Business date on which it settled; feeds the day's statement totals. */
  readonly settledDate: (string | undefined)[] = [];
  /** kind 'return' only: the original payment's id. Sparse. */
  readonly originalId = new Map<number, string>();
  /** For an original payment: sum of returns (pacs.004) accepted against it. Sparse. */
  readonly returnedMinor = new Map<number, bigint>();
  /** Rejected payments naming a participant the engine does not know: the ids as given. Sparse. */
  readonly unknownParties = new Map<number, { from: string; to: string }>();

  get count(): number {
    return this.id.length;
  }

  /** Appends a payment and returns its row. */
  add(id: string, kind: PaymentKind, channel: Channel, from: number, to: number, amountMinor: bigint, priority: PaymentPriority): number {
    const row = this.id.length;
    this.id.push(id);
    this.kind.push(kind);
    this.channel.push(channel);
    this.from.push(from);
    this.to.push(to);
    this.amount.push(amountMinor);
    this.priority.push(priority);
    this.status.push('queued');
    this.reason.push(undefined);
    this.cycleId.push(NO_CYCLE);
    this.settledDate.push(undefined);
    return row;
  }

  returned(row: number): bigint {
    return this.returnedMinor.get(row) ?? 0n;
  }
}
