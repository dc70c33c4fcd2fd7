import { intArray } from './heap-arrays';

/**
 * Distinct strings numbered 0, 1, 2... in order of first insertion, in an open-addressing
 * table sized once (at most half full) with each slot's hash beside it, so a probe that meets
 * another key is settled without comparing strings. A JavaScript Map of a million string keys
 * spent most of its time growing and rehashing; this is a pair of typed arrays.
 */
export class KeyTable {
  readonly keys: string[] = [];
  private readonly mask: number;
  private readonly slots: number[];
  /** Hashes as signed 32-bit integers (small integers to the engine: stored unboxed). */
  private readonly hashes: number[];

  /** `capacity`: the most distinct keys that will be inserted. */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    // Plain arrays, not typed ones: see heap-arrays.ts.
    this.slots = intArray(size, -1);
    this.hashes = intArray(size);
  }

  /** The key's number, given a new one if it was not there. */
  intern(key: string): number {
    const hash = hashText(key) | 0;
    let at = hash & this.mask;
    for (;;) {
      const id = this.slots[at] as number;
      if (id === -1) {
        const fresh = this.keys.length;
        if (fresh * 2 > this.mask + 1) throw new Error('KeyTable: more keys than its capacity');
        this.keys.push(key);
        this.slots[at] = fresh;
        this.hashes[at] = hash;
        return fresh;
      }
      if (this.hashes[at] === hash && this.keys[id] === key) return id;
      at = (at + 1) & this.mask;
    }
  }

  /** The key's number, or -1. */
  find(key: string): number {
    const hash = hashText(key) | 0;
    let at = hash & this.mask;
    for (;;) {
      const id = this.slots[at] as number;
      if (id === -1) return -1;
      if (this.hashes[at] === hash && this.keys[id] === key) return id;
      at = (at + 1) & this.mask;
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
