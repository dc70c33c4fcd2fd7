import { IdHashTable, hashOf } from './id-hash-table';

/**
 * Payment ids to rows, for the duplicate check on every payment and for lookups.
 *
 * Ids are mostly `<participant>-<device>-<seq>`: a prefix and a growing number. For those the
 * row goes into a dense array per prefix ("family") indexed by the number, so a day of inserts
 * writes memory nearly in order instead of at random in a table bigger than the cache (a hash
 * insert at a million entries is a cache miss each time: it was the engine's largest cost).
 * Anything else (UUIDs, leading zeros, numbers far out of line) goes to a hash table. A lookup
 * checks the family, then the hash table only if it holds anything, so an id is found wherever
 * it went in.
 */
const MAX_SUFFIX_DIGITS = 9;
/** Families hold at most this many slots (64 MiB); beyond, ids go to the hash table. */
const MAX_FAMILY_SLOTS = 1 << 24;
/** A number this far past what a family holds is not a sequence: hash it. */
const MAX_FAMILY_GAP = 1 << 16;
const MAX_FAMILIES = 1 << 16;

class Family {
  /** rows[n - base] = 1 + row of the id with number n; 0 when none. */
  rows = new Int32Array(1024);
  constructor(
    readonly prefix: string,
    readonly base: number,
  ) {}
}

export class PaymentIndex {
  private readonly hashed: IdHashTable;
  private readonly families = new Map<number, Family>();
  /** Where the last `find` would insert: a family slot, or the hash table. */
  private lastFamily: Family | undefined = undefined;
  private lastOffset = 0;
  /** A numbered id whose prefix has no family yet: `insertLast` starts one. */
  private newFamilyId: string | undefined = undefined;
  private newFamilyPrefixLength = 0;
  private newFamilyHash = 0;
  private newFamilyBase = 0;

  constructor(ids: readonly string[]) {
    this.hashed = new IdHashTable(ids);
  }

  /** The row of `id`, or -1; remembers where `insertLast` should put it. */
  find(id: string): number {
    this.lastFamily = undefined;
    this.newFamilyId = undefined;
    const split = numberedTail(id);
    if (split >= 0) {
      const prefixLength = id.length - split;
      const suffix = parseDigits(id, prefixLength);
      const prefixHash = hashOf(id, prefixLength);
      const family = this.families.get(prefixHash);
      if (family === undefined && this.families.size < MAX_FAMILIES) {
        this.newFamilyId = id;
        this.newFamilyPrefixLength = prefixLength;
        this.newFamilyHash = prefixHash;
        this.newFamilyBase = suffix;
      }
      if (family !== undefined && family.prefix.length === prefixLength && samePrefix(family.prefix, id) && suffix >= family.base) {
        const offset = suffix - family.base;
        if (offset < family.rows.length) {
          const row = (family.rows[offset] as number) - 1;
          if (row >= 0) return row;
          this.lastFamily = family;
          this.lastOffset = offset;
        } else if (offset < MAX_FAMILY_SLOTS && offset < family.rows.length + MAX_FAMILY_GAP) {
          this.lastFamily = family;
          this.lastOffset = offset;
        }
      }
    }
    // Not in a family: the hash table, searched only when it holds something (or we insert there).
    if (this.hashed.size === 0 && (this.lastFamily !== undefined || this.newFamilyId !== undefined)) return -1;
    const row = this.hashed.find(id);
    if (row >= 0) {
      this.lastFamily = undefined;
      this.newFamilyId = undefined;
    }
    return row;
  }

  /** Stores `row` for the id the last `find` did not find. */
  insertLast(row: number): void {
    if (this.newFamilyId !== undefined) {
      const started = new Family(this.newFamilyId.slice(0, this.newFamilyPrefixLength), this.newFamilyBase);
      this.families.set(this.newFamilyHash, started);
      this.newFamilyId = undefined;
      this.lastFamily = started;
      this.lastOffset = 0;
    }
    const family = this.lastFamily;
    if (family === undefined) {
      this.hashed.insertLast(row);
      return;
    }
    if (this.lastOffset >= family.rows.length) {
      let length = family.rows.length;
      while (length <= this.lastOffset) length *= 2;
      const rows = new Int32Array(length);
      rows.set(family.rows);
      family.rows = rows;
    }
    if (family.rows[this.lastOffset] !== 0) throw new Error(`payment row ${row} indexed twice`);
    family.rows[this.lastOffset] = row + 1;
  }

  rowOf(id: string): number {
    return this.find(id);
  }
}

/** How many digits end `id` as a canonical number (1 to 9 digits, no leading zero), else -1. */
function numberedTail(id: string): number {
  let digits = 0;
  while (digits < id.length && digits <= MAX_SUFFIX_DIGITS) {
    const c = id.charCodeAt(id.length - 1 - digits);
    if (c < 48 || c > 57) break;
    digits += 1;
  }
  if (digits === 0 || digits > MAX_SUFFIX_DIGITS) return -1;
  if (digits > 1 && id.charCodeAt(id.length - digits) === 48) return -1;
  return digits;
}

function parseDigits(id: string, from: number): number {
  let n = 0;
  for (let i = from; i < id.length; i += 1) n = n * 10 + (id.charCodeAt(i) - 48);
  return n;
}

function samePrefix(prefix: string, id: string): boolean {
  for (let i = 0; i < prefix.length; i += 1) if (prefix.charCodeAt(i) !== id.charCodeAt(i)) return false;
  return true;
}
