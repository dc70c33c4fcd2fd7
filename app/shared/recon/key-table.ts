import { intArray } from './heap-arrays';

/**
 * Distinct strings numbered 0, 1, 2... in order of first insertion, in an open-addressing
 * table sized once (at most half full). Each slot holds the key's number and its hash side by
 * side (one memory access per probe), so a probe that meets another key is settled without
 * comparing strings. A JavaScript Map of a million string keys spent most of its time growing
 * and rehashing; this is one array.
 */
export class KeyTable {
  private readonly keys: string[];
  private count = 0;
  private readonly mask: number;
  /** Slot k at [2k] (the key's number, -1 for empty) and [2k + 1] (its hash, signed 32-bit). */
  private readonly slots: number[];

  /** `capacity`: the most distinct keys that will be inserted. */
  constructor(private readonly capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    // A plain array, not a typed one: see heap-arrays.ts.
    this.slots = intArray(size * 2, -1);
    this.keys = new Array<string>(capacity);
  }

  /** How many distinct keys are in. */
  get size(): number {
    return this.count;
  }

  /** The key numbered `id`. */
  key(id: number): string {
    return this.keys[id] as string;
  }

  /** The key's number, given the next one if it was not there (then the result is size - 1). */
  intern(key: string): number {
    const hash = hashText(key) | 0;
    let at = (hash & this.mask) * 2;
    for (;;) {
      const id = this.slots[at] as number;
      if (id === -1) {
        const fresh = this.count;
        if (fresh >= this.capacity) throw new Error('KeyTable: more keys than its capacity');
        this.keys[fresh] = key;
        this.count += 1;
        this.slots[at] = fresh;
        this.slots[at + 1] = hash;
        return fresh;
      }
      if (this.slots[at + 1] === hash && this.keys[id] === key) return id;
      at = (at + 2) & (this.mask * 2 + 1);
    }
  }

  /** The key's number, or -1. */
  find(key: string): number {
    const hash = hashText(key) | 0;
    let at = (hash & this.mask) * 2;
    for (;;) {
      const id = this.slots[at] as number;
      if (id === -1) return -1;
      if (this.slots[at + 1] === hash && this.keys[id] === key) return id;
      at = (at + 2) & (this.mask * 2 + 1);
    }
  }
}

/** FNV-1a over the UTF-16 code units, with a final mix so the low bits spread. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k += 1) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
