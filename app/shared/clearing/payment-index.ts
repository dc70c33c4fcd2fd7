import type { PaymentState } from './state';

/**
 * Payments by id, in arrival order. An open-addressing hash table over typed arrays: a day's
 * million ids go in at a fraction of the cost of a Map of that size (no per-entry objects, one
 * growth copy of two Int32Arrays), and lookups compare the cached hash before the string.
 */
const INITIAL_CAPACITY = 1024;

function hashOf(id: string): number {
  // FNV-1a over UTF-16 code units; never 0, so 0 marks an empty slot's hash too.
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h | 1;
}

export class PaymentIndex {
  private capacity = INITIAL_CAPACITY;
  /** 1 + position in `payments`, 0 for an empty slot. */
  private slots = new Int32Array(INITIAL_CAPACITY);
  private hashes = new Int32Array(INITIAL_CAPACITY);
  private readonly payments: PaymentState[] = [];

  get size(): number {
    return this.payments.length;
  }

  get(id: string): PaymentState | undefined {
    const h = hashOf(id);
    const mask = this.capacity - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i] as number;
      if (slot === 0) return undefined;
      if (this.hashes[i] === h) {
        const p = this.payments[slot - 1] as PaymentState;
        if (p.id === id) return p;
      }
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Adds a payment whose id is not yet present (the caller checked). */
  add(p: PaymentState): void {
    const h = hashOf(p.id);
    const mask = this.capacity - 1;
    let i = h & mask;
    while (this.slots[i] !== 0) {
      if (this.hashes[i] === h && this.payments[(this.slots[i] as number) - 1]?.id === p.id) throw new Error(`payment ${p.id} indexed twice`);
      i = (i + 1) & mask;
    }
    this.payments.push(p);
    this.slots[i] = this.payments.length;
    this.hashes[i] = h;
    // Keep the table at most half full so probes stay short.
    if (this.payments.length * 2 > this.capacity) this.grow();
  }

  /** In arrival order. */
  values(): readonly PaymentState[] {
    return this.payments;
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    this.capacity *= 2;
    this.slots = new Int32Array(this.capacity);
    this.hashes = new Int32Array(this.capacity);
    const mask = this.capacity - 1;
    for (let j = 0; j < oldSlots.length; j += 1) {
      const slot = oldSlots[j] as number;
      if (slot === 0) continue;
      const h = oldHashes[j] as number;
      let i = h & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = slot;
      this.hashes[i] = h;
    }
  }
}
