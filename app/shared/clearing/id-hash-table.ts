/**
 * Ids to rows: open addressing over one Int32Array of (row + 1, hash) pairs, so a probe
 * touches one cache line. `find` remembers where it stopped so `insertLast` needs no second
 * probe.
 */
const INITIAL_CAPACITY = 1024;

export function hashOf(text: string, length = text.length): number {
  // FNV-1a over UTF-16 code units; forced odd, so a stored hash is never 0.
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h | 1;
}

export class IdHashTable {
  private capacity = INITIAL_CAPACITY;
  /** [2i] = 1 + row (0: empty), [2i+1] = hash. */
  private table = new Int32Array(INITIAL_CAPACITY * 2);
  size = 0;
  private lastSlot = 0;
  private lastHash = 0;

  /** `ids` is the payment table's id column: rows are compared by the id they hold. */
  constructor(private readonly ids: readonly string[]) {}

  /** The row holding `id`, or -1 (and the slot it would take is remembered). */
  find(id: string): number {
    const h = hashOf(id);
    this.lastHash = h;
    const mask = this.capacity - 1;
    const table = this.table;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const entry = table[2 * i] as number;
      if (entry === 0 || (table[2 * i + 1] === h && this.ids[entry - 1] === id)) {
        this.lastSlot = i;
        return entry - 1;
      }
    }
  }

  /** Stores `row` where the last `find` (which found nothing) stopped. */
  insertLast(row: number): void {
    if (this.table[2 * this.lastSlot] !== 0) throw new Error(`payment row ${row} indexed twice`);
    this.table[2 * this.lastSlot] = row + 1;
    this.table[2 * this.lastSlot + 1] = this.lastHash;
    this.size += 1;
    // At most half full, so probes stay short.
    if (this.size * 2 > this.capacity) this.grow();
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
