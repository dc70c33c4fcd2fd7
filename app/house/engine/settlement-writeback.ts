/**
 * DNS payments a cycle close settled in the engine whose rows still say `netted`.
 *
 * Why: a cycle close settles every payment of the cycle at once, and writing all their rows in
 * the closing batch made that one commit the whole system's stall (at 5,000 payments/s and a 5 s
 * cycle, ~18,750 row updates in one transaction, 0.3-0.5 s quiet and seconds under load, every
 * request queued behind it). The close itself (positions, balances, the cycle row, the
 * `cycle.closed` and net `statement.entry` feed rows) still commits in its own batch; only the
 * per-payment status rows, which are derived (recovery rebuilds the engine from the journal and
 * the payment rows, not from statuses), are written over the following batches, a bounded number
 * each (writebackRoom), in the order the engine settled them. The house runs batches of
 * write-back alone when no request comes.
 *
 * Tickets order the entries: a waiter (`whenWritten`) is told once every entry queued before it
 * has been written by a committed batch or superseded by a newer status. After the engine is
 * rebuilt (a failed batch, a restart) the list is rebuilt from the store (`reset`), and waiters
 * then wait for the rebuilt list as well, so none is told early.
 */
export const WRITEBACK_PER_BATCH = 250;
/** Even a full batch takes this many, so a busy house still catches up between cycle closes. */
export const WRITEBACK_MIN_PER_BATCH = 50;

/**
 * How many a batch of `commands` numbers for the lane: the room left under WRITEBACK_PER_BATCH
 * rows, at least WRITEBACK_MIN_PER_BATCH. A big batch means a busy writer, so the lane's next
 * transaction stays small then; a quiet house's small batches drain the list fast.
 */
export function writebackRoom(commands: number): number {
  return Math.max(WRITEBACK_MIN_PER_BATCH, WRITEBACK_PER_BATCH - commands);
}

interface Entry {
  paymentId: string;
  cycleId: string;
  ticket: number;
}

export interface WritebackTake {
  entries: Array<{ paymentId: string; cycleId: string }>;
  /** Every entry up to this ticket is taken (live ones into the batch, superseded ones dropped). */
  ticket: number;
}

/** Compact the array once this many taken entries sit at its head. */
const COMPACT_AT = 4096;

export class SettlementWriteback {
  private entries: Entry[] = [];
  private head = 0;
  /** paymentId -> ticket of its live entry. */
  private readonly live = new Map<string, number>();
  private lastTicket = 0;
  private committedTicket = 0;
  private waiters: Array<{ ticket: number; resolve: () => void }> = [];
  /** Entries ever deferred: tells whether a command deferred any. */
  deferredCount = 0;

  /** Settlements still to write. */
  get size(): number {
    return this.live.size;
  }

  /** True while a batch has something to take: live entries, or superseded ones a waiter waits behind. */
  get wantsBatch(): boolean {
    return this.live.size > 0 || (this.waiters.length > 0 && this.head < this.entries.length);
  }

  defer(paymentId: string, cycleId: string): void {
    this.deferredCount += 1;
    this.lastTicket += 1;
    this.entries.push({ paymentId, cycleId, ticket: this.lastTicket });
    this.live.set(paymentId, this.lastTicket);
  }

  /** The payment's status moved again: its own newer status row replaces the pending one. */
  supersede(paymentId: string): void {
    this.live.delete(paymentId);
  }

  /** Up to `max` live entries, oldest first (superseded ones on the way are dropped). */
  take(max: number): WritebackTake {
    const taken: WritebackTake['entries'] = [];
    let ticket = this.head > 0 ? (this.entries[this.head - 1]?.ticket ?? 0) : 0;
    while (this.head < this.entries.length) {
      const entry = this.entries[this.head] as Entry;
      const isLive = this.live.get(entry.paymentId) === entry.ticket;
      if (isLive && taken.length >= max) break;
      this.head += 1;
      ticket = entry.ticket;
      if (!isLive) continue;
      this.live.delete(entry.paymentId);
      taken.push({ paymentId: entry.paymentId, cycleId: entry.cycleId });
    }
    if (this.head === this.entries.length) ticket = Math.max(ticket, this.lastTicket);
    if (this.head >= COMPACT_AT && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return { entries: taken, ticket };
  }

  /** A batch that took entries up to `ticket` committed. */
  committed(ticket: number): void {
    this.committedTicket = Math.max(this.committedTicket, ticket);
    const due = this.waiters.filter((w) => w.ticket <= this.committedTicket);
    if (due.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.ticket > this.committedTicket);
    for (const waiter of due) waiter.resolve();
  }

  /** Calls `resolve` once everything pending now is written (at once when nothing is). */
  whenWritten(resolve: () => void): void {
    if (this.committedTicket >= this.lastTicket) return resolve();
    this.waiters.push({ ticket: this.lastTicket, resolve });
  }

  /** Entries whose write failed (the lane's transaction) are queued again; waiters wait for them too. */
  retry(entries: ReadonlyArray<{ paymentId: string; cycleId: string }>): void {
    for (const entry of entries) {
      // Queued again already (a rebuild read it from the store). One whose status moved on
      // meanwhile is harmless: only a row still `netted` is ever written settled.
      if (this.live.has(entry.paymentId)) continue;
      this.lastTicket += 1;
      this.entries.push({ paymentId: entry.paymentId, cycleId: entry.cycleId, ticket: this.lastTicket });
      this.live.set(entry.paymentId, this.lastTicket);
    }
    for (const waiter of this.waiters) waiter.ticket = Math.max(waiter.ticket, this.lastTicket);
  }

  /**
   * The engine was rebuilt from the store: what it settled but the rows do not say is exactly
   * `pending` (read from the store, in settlement order). Entries taken by batches that never
   * committed are among them again.
   */
  reset(pending: ReadonlyArray<{ paymentId: string; cycleId: string }>): void {
    this.entries = [];
    this.head = 0;
    this.live.clear();
    this.committedTicket = this.lastTicket;
    for (const p of pending) this.defer(p.paymentId, p.cycleId);
    for (const waiter of this.waiters) waiter.ticket = Math.max(waiter.ticket, this.lastTicket);
    if (this.live.size === 0) this.committed(this.lastTicket);
  }
}
