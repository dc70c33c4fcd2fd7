import type { PaymentState } from './state';

/**
 * Payments by id, in arrival order. An open-addressing hash table over one Int32Array of
 * (position, hash) pairs, so a probe touches one cache line: at a million payments the table
 * no longer fits in cache and a Map's lookup-then-insert costs several misses per payment.
 * `locate` finds the id's slot or the empty slot it would take, so the hot path hashes and
 * probes once for both the duplicate check and the insert.
 */
const INITIAL_CAPACITY = 1024;

function hashOf(id: string): number {
  // FNV-1a over UTF-16 code units; forced odd, so a stored hash is never 0.
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h | 1;
}

export class PaymentIndex {
  private capacity = INITIAL_CAPACITY;
  /** [2i] = 1 + position in `payments` (0: empty), [2i+1] = hash. */
  private table = new Int32Array(INITIAL_CAPACITY * 2);
  private readonly payments: PaymentState[] = [];
  /** Hash of the id given to the last `locate`, for the `insertAt` that follows it. */
  private lastHash = 0;

  get size(): number {
    return this.payments.length;
  }

  /** The slot holding `id`, or the empty slot where it would go. */
  locate(id: string): number {
    const h = hashOf(id);
    this.lastHash = h;
    const mask = this.capacity - 1;
    const table = this.table;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const position = table[2 * i] as number;
      if (position === 0) return i;
      if (table[2 * i + 1] === h && (this.payments[position - 1] as PaymentState).id === id) return i;
    }
  }

  /** The payment in a slot from `locate`, if any. */
  at(slot: number): PaymentState | undefined {
    const position = this.table[2 * slot] as number;
    return position === 0 ? undefined : this.payments[position - 1];
  }

  /** Puts a payment into the empty slot `locate` just found for its id. */
  insertAt(slot: number, p: PaymentState): void {
    if (this.table[2 * slot] !== 0) throw new Error(`payment ${p.id} indexed twice`);
    this.payments.push(p);
    this.table[2 * slot] = this.payments.length;
    this.table[2 * slot + 1] = this.lastHash;
    // Keep the table at most half full so probes stay short.
    if (this.payments.length * 2 > this.capacity) this.grow();
  }

  get(id: string): PaymentState | undefined {
    return this.at(this.locate(id));
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  add(p: PaymentState): void {
    this.insertAt(this.locate(p.id), p);
  }

  /** In arrival order. */
  values(): readonly PaymentState[] {
    return this.payments;
  }

  private grow(): void {
    const old = this.table;
    this.capacity *= 2;
    const table = new Int32Array(this.capacity * 2);
    const mask = this.capacity - 1;
    for (let j = 0; j < old.length; j += 2) {
      const position = old[j] as number;
      if (position === 0) continue;
      const h = old[j + 1] as number;
      let i = h & mask;
      while (table[2 * i] !== 0) i = (i + 1) & mask;
      table[2 * i] = position;
      table[2 * i + 1] = h;
    }
    this.table = table;
  }
}
