/**
 * Payment ids to rows. An open-addressing hash table over one Int32Array of (row + 1, hash)
 * pairs, so a probe touches one cache line: at a million payments the table no longer fits in
 * cache and a Map's lookup-then-insert costs several misses per payment. `locate` finds the
 * id's slot or the empty slot it would take, so the hot path hashes and probes once for both
 * the duplicate check and the insert.
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
  /** [2i] = 1 + row (0: empty), [2i+1] = hash. */
  private table = new Int32Array(INITIAL_CAPACITY * 2);
  private size = 0;
  /** Hash of the id given to the last `locate`, for the `insertAt` that follows it. */
  private lastHash = 0;

  /** `ids` is the payment table's id column: rows are compared by the id they hold. */
  constructor(private readonly ids: readonly string[]) {}

  /** The slot holding `id`, or the empty slot where it would go. */
  locate(id: string): number {
    const h = hashOf(id);
    this.lastHash = h;
    const mask = this.capacity - 1;
    const table = this.table;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const entry = table[2 * i] as number;
      if (entry === 0) return i;
      if (table[2 * i + 1] === h && this.ids[entry - 1] === id) return i;
    }
  }

  /** The row in a slot from `locate`, or -1 when the slot is empty. */
  rowAt(slot: number): number {
    return (this.table[2 * slot] as number) - 1;
  }

  /** Puts a row into the empty slot the last `locate` found for its id. */
  insertAt(slot: number, row: number): void {
    if (this.table[2 * slot] !== 0) throw new Error(`payment row ${row} indexed twice`);
    this.table[2 * slot] = row + 1;
    this.table[2 * slot + 1] = this.lastHash;
    this.size += 1;
    // Keep the table at most half full so probes stay short.
    if (this.size * 2 > this.capacity) this.grow();
  }

  /** The row of `id`, or -1. */
  rowOf(id: string): number {
    return this.rowAt(this.locate(id));
  }

  private grow(): void {
    const old = this.table;
    this.capacity *= 2;
    const table = new Int32Array(this.capacity * 2);
    const mask = this.capacity - 1;
    for (let j = 0; j < old.length; j += 2) {
      const entry = old[j] as number;
      if (entry === 0) continue;
      const h = old[j + 1] as number;
      let i = h & mask;
      while (table[2 * i] !== 0) i = (i + 1) & mask;
      table[2 * i] = entry;
      table[2 * i + 1] = h;
    }
    this.table = table;
  }
}
