import { jaroWinkler, normaliseName } from './similarity';

/** Beyond this many remembered pairs the caches start over: memory stays bounded. */
const PAIR_CACHE_LIMIT = 4_000_000;
/** 2^22 distinct names or words per run is far above any file; beyond it is refused. */
const ID_SPACE = 4_194_304;
/** Words with ids below this share a 2048 x 2048 table of doubles (32 MiB, made on first use). */
const DENSE = 2_048;
/** Margin on the early-exit bound of similarityAtLeast, far above floating-point error. */
const BOUND_SLACK = 1e-9;
/** What similarityAtLeast returns for a pair that cannot reach the floor. */
const BELOW = -1;

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
  /** Word-pair similarities for the first DENSE words, in a flat table (NaN: not yet known). */
  private dense: Float64Array | null = null;
  // Beyond the dense table: nested maps keyed by small integers.
  private readonly tokenPairCache = new Map<number, Map<number, number>>();
  private tokenPairCount = 0;

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

  /**
   * Similarity of two names by id (see nameSimilarity), or null when either is unknown. Not
   * cached per pair: at scale nearly every candidate pair is new, and a cache of millions of
   * pairs cost more (hashing, memory, collection) than the word-table lookups it saved.
   */
  similarity(a: number, b: number): number | null {
    if (a === 0 || b === 0) return null;
    if (a === b) return 1;
    return this.compute(a, b);
  }

  /**
   * The similarity when it is at least `floor` (exactly as similarity() gives it), else some
   * value below `floor`: the matcher only needs the value of names that can pass, and most
   * candidate pairs are strangers whose first words already rule them out.
   */
  similarityAtLeast(a: number, b: number, floor: number): number | null {
    if (a === 0 || b === 0) return null;
    if (a === b) return 1;
    const aTokens = this.nameTokens[a] as Int32Array;
    const bTokens = this.nameTokens[b] as Int32Array;
    if (aTokens.length === 1 || bTokens.length === 1) return jaroWinkler(this.names[a] as string, this.names[b] as string);
    // The result is the mean of both directions, each at most 1: a direction below
    // 2 * floor - (the other's best) cannot pass. The slack keeps rounding on the safe side.
    const first = this.directedAtLeast(aTokens, bTokens, 2 * floor - 1 - BOUND_SLACK);
    if (first < 0) return BELOW;
    const second = this.directedAtLeast(bTokens, aTokens, 2 * floor - first - BOUND_SLACK);
    if (second < 0) return BELOW;
    return (first + second) / 2;
  }

  /** directed(), or -1 as soon as the best it could still reach is below `need`. */
  private directedAtLeast(from: Int32Array, to: Int32Array, need: number): number {
    let total = 0;
    for (let i = 0; i < from.length; i += 1) total += (this.tokens[from[i] as number] as string).length;
    let weighted = 0;
    let seen = 0;
    for (let i = 0; i < from.length; i += 1) {
      const token = from[i] as number;
      let best = 0;
      for (let j = 0; j < to.length && best < 1; j += 1) {
        const s = this.tokenSimilarity(token, to[j] as number);
        if (s > best) best = s;
      }
      const length = (this.tokens[token] as string).length;
      weighted += best * length;
      seen += length;
      if ((weighted + (total - seen)) / total < need) return -1;
    }
    return weighted / total;
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
    // Indexed loops: this runs for millions of candidate pairs at full scale.
    for (let i = 0; i < from.length; i += 1) {
      const token = from[i] as number;
      let best = 0;
      for (let j = 0; j < to.length && best < 1; j += 1) {
        const s = this.tokenSimilarity(token, to[j] as number);
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
    // Common words (cities, trades, legal words) get low ids: a flat table answers at once.
    if (a < DENSE && b < DENSE) {
      this.dense ??= new Float64Array(DENSE * DENSE).fill(Number.NaN);
      const at = a * DENSE + b;
      let value = this.dense[at] as number;
      if (Number.isNaN(value)) {
        value = jaroWinkler(this.tokens[a] as string, this.tokens[b] as string);
        this.dense[at] = value;
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
