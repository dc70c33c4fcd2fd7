import { jaroWinkler, normaliseName } from './similarity';

/** Beyond this many remembered pairs the caches start over: memory stays bounded. */
const PAIR_CACHE_LIMIT = 4_000_000;
/** Ids are packed two to a cache key; 2^22 names or words per run is far above any file. */
const ID_SPACE = 4_194_304;

/**
 * Normalised counterparty names interned to small integers, with their words interned too,
 * so the matcher compares numbers and looks similarities up by numeric key instead of
 * splitting and hashing strings for every candidate pair (millions at full scale).
 * Id 0 is "no name". Deterministic: ids follow first use.
 */
export class NameTable {
  private readonly nameIds = new Map<string, number>([['', 0]]);
  readonly names: string[] = [''];
  private readonly nameTokens: Int32Array[] = [new Int32Array(0)];
  private readonly tokenIds = new Map<string, number>();
  private readonly tokens: string[] = [];
  private readonly pairCache = new Map<number, number>();
  private readonly tokenPairCache = new Map<number, number>();

  /** The id of a raw counterparty (normalised here). */
  idOf(counterparty: string | null): number {
    const name = normaliseName(counterparty);
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
    const key = a * ID_SPACE + b;
    let value = this.pairCache.get(key);
    if (value === undefined) {
      if (this.pairCache.size >= PAIR_CACHE_LIMIT) this.pairCache.clear();
      value = this.compute(a, b);
      this.pairCache.set(key, value);
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
    const key = a * ID_SPACE + b;
    let value = this.tokenPairCache.get(key);
    if (value === undefined) {
      if (this.tokenPairCache.size >= PAIR_CACHE_LIMIT) this.tokenPairCache.clear();
      value = jaroWinkler(this.tokens[a] as string, this.tokens[b] as string);
      this.tokenPairCache.set(key, value);
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
