import { numberArray } from './heap-arrays';
import { jaroWinkler } from '../text/jaro-winkler';
import { normaliseName } from './similarity';

/** Beyond this many remembered pairs the caches start over: memory stays bounded. */
const PAIR_CACHE_LIMIT = 4_000_000;
/** 2^22 distinct names or words per run is far above any file; beyond it is refused. */
const ID_SPACE = 4_194_304;
/** Words with ids below this (at most) share a table of doubles (up to 2048 x 2048: 32 MiB, made on first use). */
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
  /** Per name: the sum of its words' lengths (the weights of the word-by-word mean). */
  private readonly nameLength: number[] = [0];
  /** Per name: which characters it holds (see charMask); names sharing none are 0 apart. */
  private readonly nameChars: number[] = [0];
  private readonly tokenIds = new Map<string, number>();
  private readonly tokens: string[] = [];
  private readonly tokenLength: number[] = [];
  /** Word-pair similarities for the first `denseSize` words, in a flat table (NaN: not yet known). */
  private dense: number[] | null = null;
  private denseSize = 0;
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
      const tokens = Int32Array.from(name.split(' '), (t) => this.tokenId(t));
      this.nameTokens.push(tokens);
      let length = 0;
      for (let i = 0; i < tokens.length; i += 1) length += this.tokenLength[tokens[i] as number] as number;
      this.nameLength.push(length);
      this.nameChars.push(charMask(name));
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
    // No character in common: every Jaro-Winkler inside is 0, so the result is exactly 0
    // (a Chinese name against a Latin one, most often).
    if (((this.nameChars[a] as number) & (this.nameChars[b] as number)) === 0) return 0;
    const aTokens = this.nameTokens[a] as Int32Array;
    const bTokens = this.nameTokens[b] as Int32Array;
    if (aTokens.length === 1 || bTokens.length === 1) return this.wholeNames(a, b, aTokens, bTokens);
    // The result is the mean of both directions, each at most 1: a direction below
    // 2 * floor - (the other's best) cannot pass. The slack keeps rounding on the safe side.
    const first = this.directedAtLeast(aTokens, bTokens, 2 * floor - 1 - BOUND_SLACK);
    if (first < 0) return BELOW;
    const second = this.directedAtLeast(bTokens, aTokens, 2 * floor - first - BOUND_SLACK);
    if (second < 0) return BELOW;
    return (first + second) / 2;
  }

  /**
   * Jaro-Winkler of the whole names, for a name of one word: through the word-pair cache when
   * both are one word (each name is then its word).
   */
  private wholeNames(a: number, b: number, aTokens: Int32Array, bTokens: Int32Array): number {
    if (aTokens.length === 1 && bTokens.length === 1) return this.tokenSimilarity(aTokens[0] as number, bTokens[0] as number);
    return jaroWinkler(this.names[a] as string, this.names[b] as string);
  }

  /** directed(), or -1 as soon as the best it could still reach is below `need`. */
  private directedAtLeast(from: Int32Array, to: Int32Array, need: number): number {
    let total = 0;
    for (let i = 0; i < from.length; i += 1) total += this.tokenLength[from[i] as number] as number;
    let weighted = 0;
    let seen = 0;
    for (let i = 0; i < from.length; i += 1) {
      const token = from[i] as number;
      let best = 0;
      for (let j = 0; j < to.length && best < 1; j += 1) {
        const s = this.tokenSimilarity(token, to[j] as number);
        if (s > best) best = s;
      }
      const length = this.tokenLength[token] as number;
      weighted += best * length;
      seen += length;
      if ((weighted + (total - seen)) / total < need) return -1;
    }
    return weighted / total;
  }

  private compute(a: number, b: number): number {
    if (((this.nameChars[a] as number) & (this.nameChars[b] as number)) === 0) return 0;
    const aTokens = this.nameTokens[a] as Int32Array;
    const bTokens = this.nameTokens[b] as Int32Array;
    if (aTokens.length === 1 || bTokens.length === 1) return this.wholeNames(a, b, aTokens, bTokens);
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
      const length = this.tokenLength[token] as number;
      weighted += best * length;
      total += length;
    }
    return weighted / total;
  }

  private tokenSimilarity(a: number, b: number): number {
    if (a === b) return 1;
    // Common words (cities, trades, legal words) get low ids: a flat table answers at once.
    // Made on first use, for the words known by then (up to DENSE): a small file gets a small table.
    if (this.dense === null) {
      this.denseSize = 64;
      while (this.denseSize < this.tokens.length && this.denseSize < DENSE) this.denseSize *= 2;
      // A plain array, not a typed one (up to 32 MiB): see heap-arrays.ts.
      this.dense = numberArray(this.denseSize * this.denseSize);
    }
    if (a < this.denseSize && b < this.denseSize) {
      const at = a * this.denseSize + b;
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
      this.tokenLength.push(token.length);
    }
    return id;
  }
}

/**
 * The characters of a name as bits: A-Z one bit each, digits one bit, other ASCII (the space)
 * one bit, anything else one of four bits by code. Two names with no bit in common have no
 * character in common (the converse need not hold): their similarity is 0.
 */
function charMask(name: string): number {
  let mask = 0;
  for (let k = 0; k < name.length; k += 1) {
    const c = name.charCodeAt(k);
    if (c >= 65 && c <= 90) mask |= 1 << (c - 65);
    else if (c >= 48 && c <= 57) mask |= 1 << 26;
    else if (c < 128) mask |= 1 << 27;
    else mask |= 1 << (28 + (c & 3));
  }
  return mask;
}
