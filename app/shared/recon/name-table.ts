import { jaroWinkler, normaliseName } from './similarity';

/** Beyond this many remembered pairs the caches start over: memory stays bounded. */
const PAIR_CACHE_LIMIT = 4_000_000;
/** 2^22 distinct names or words per run is far above any file; beyond it is refused. */
const ID_SPACE = 4_194_304;
const SMALL = 32_768;

/**
 * Normalised counterparty names interned to small integers, with their words interned too,
 * so the matcher compares numbers and looks similarities up by numeric key instead of
 * splitting and hashing strings for every candidate pair (millions at full scale).
 * Id 0 is "no name". Deterministic: ids follow first use.
 */
export class NameTable {
  private readonly nameIds = new Map<string, number>([['', 0]]);
  /** Raw spellings already seen: counterparties repeat, and normalising is the costly part. */
  private readonly rawIds = new Map<string, number>();
  readonly names: string[] = [''];
  private readonly nameTokens: Int32Array[] = [new Int32Array(0)];
  private readonly tokenIds = new Map<string, number>();
  private readonly tokens: string[] = [];
  // Nested maps keyed by small integers: V8 hashes those far faster than packed 44-bit keys.
  private readonly pairCache = new Map<number, Map<number, number>>();
  private pairCount = 0;
  private readonly tokenPairCache = new Map<number, Map<number, number>>();
  private tokenPairCount = 0;
  private readonly smallTokenPairs = new Map<number, number>();

  /** The id of a raw counterparty (normalised here). */
  idOf(counterparty: string | null): number {
    if (counterparty === null) return 0;
    const known = this.rawIds.get(counterparty);
    if (known !== undefined) return known;
    const id = this.internNormalised(normaliseName(counterparty));
    if (this.rawIds.size < PAIR_CACHE_LIMIT) this.rawIds.set(counterparty, id);
    return id;
  }

  private internNormalised(name: string): number {
    let id = this.nameIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      if (id >= ID_SPACE) throw new Error(`more than ${ID_SPACE} distinct counterparty names`);
      this.nameIds.set(name, id);
      this.names.push(name);
      this.nameTokens.push(Int32Array.from(name.split(' '), (t) => this.tokenId(t)));
    }
    return id;
  }

  /** Similarity of two names by id (see nameSimilarity), or null when either is unknown. */
  similarity(a: number, b: number): number | null {
    if (a === 0 || b === 0) return null;
    if (a === b) return 1;
    let row = this.pairCache.get(a);
    if (row === undefined) {
      if (this.pairCount >= PAIR_CACHE_LIMIT) {
        this.pairCache.clear();
        this.pairCount = 0;
      }
      row = new Map();
      this.pairCache.set(a, row);
    }
    let value = row.get(b);
    if (value === undefined) {
      value = this.compute(a, b);
      row.set(b, value);
      this.pairCount += 1;
    }
    return value;
  }

  private compute(a: number, b: number): number {
    const aTokens = this.nameTokens[a] as Int32Array;
    const bTokens = this.nameTokens[b] as Int32Array;
    if (aTokens.length === 1 || bTokens.length === 1) return jaroWinkler(this.names[a] as string, this.names[b] as string);
    return (this.directed(aTokens, bTokens) + this.directed(bTokens, aTokens)) / 2;
  }

  private directed(from: Int32Array, to: Int32Array): number {
    let weighted = 0;
    let total = 0;
    for (const token of from) {
      let best = 0;
      for (const other of to) {
        const s = this.tokenSimilarity(token, other);
        if (s > best) best = s;
      }
      const length = (this.tokens[token] as string).length;
      weighted += best * length;
      total += length;
    }
    return weighted / total;
  }

  private tokenSimilarity(a: number, b: number): number {
    if (a === b) return 1;
    // Word ids are few: pack both into one small-integer key while they fit (2^15 each).
    if (a < SMALL && b < SMALL) {
      const key = a * SMALL + b;
      let value = this.smallTokenPairs.get(key);
      if (value === undefined) {
        value = jaroWinkler(this.tokens[a] as string, this.tokens[b] as string);
        this.smallTokenPairs.set(key, value);
      }
      return value;
    }
    let row = this.tokenPairCache.get(a);
    if (row === undefined) {
      if (this.tokenPairCount >= PAIR_CACHE_LIMIT) {
        this.tokenPairCache.clear();
        this.tokenPairCount = 0;
      }
      row = new Map();
      this.tokenPairCache.set(a, row);
    }
    let value = row.get(b);
    if (value === undefined) {
      value = jaroWinkler(this.tokens[a] as string, this.tokens[b] as string);
      row.set(b, value);
      this.tokenPairCount += 1;
    }
    return value;
  }

  private tokenId(token: string): number {
    let id = this.tokenIds.get(token);
    if (id === undefined) {
      id = this.tokens.length;
      if (id >= ID_SPACE) throw new Error(`more than ${ID_SPACE} distinct words in counterparty names`);
      this.tokenIds.set(token, id);
      this.tokens.push(token);
    }
    return id;
  }
}
