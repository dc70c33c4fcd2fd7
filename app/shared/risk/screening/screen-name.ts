import { nameTokens } from './normalise-name';
import { type NameIndex, unknownTokenWeight } from './name-index';
import { type NameScore, type QueryToken, scoreName, type TokenPair } from './name-score';
import type { AliasKind, SanctionsEntry, SanctionsListId } from './sanctions-list';
import { deletionKeys, MIN_FUZZY_LENGTH, skeletonKey, tokenSimilarity } from './token-similarity';

export interface ScreeningMatch {
  list: SanctionsListId;
  id: string;
  /** The entry's primary name as listed. */
  name: string;
  /** The spelling that matched (the primary name or an alias) and what kind it is. */
  matchedName: string;
  matchedKind: AliasKind | 'primary';
  score: number;
  /** Which query words matched which listed words, and how closely. */
  tokens: TokenPair[];
  entry: SanctionsEntry;
}

export interface ScreenOptions {
  /** Only matches scoring at least this are returned (0..1). */
  threshold: number;
  /** At most this many entries, best first. */
  limit: number;
}

/** Longest query considered: a debtor name field is 140 characters, about 30 words. */
export const MAX_QUERY_TOKENS = 30;
/** Characters of a query looked at; the rest of an absurdly long input is ignored, not parsed. */
export const MAX_QUERY_CHARS = 1_000;

/**
 * Word look-ups remembered per index. Customer names repeat their words ("wang", "trading",
 * "ltd") endlessly, and a look-up depends only on the word and the index, so it is computed once.
 * Bounded: cleared when full rather than grown without limit.
 */
export const TOKEN_CACHE_LIMIT = 100_000;

/** Scratch buffers sized to an index, reused across queries against it. */
export interface ScreenScratch {
  bound: Float64Array;
  touched: Int32Array;
  bestByEntry: Map<number, { nameId: number; result: NameScore }>;
  tokenCache: Map<string, QueryToken>;
}

export function makeScratch(index: NameIndex): ScreenScratch {
  return {
    bound: new Float64Array(index.names.length),
    touched: new Int32Array(index.names.length),
    bestByEntry: new Map(),
    tokenCache: new Map(),
  };
}

function cachedLookUp(index: NameIndex, scratch: ScreenScratch, text: string): QueryToken {
  const cached = scratch.tokenCache.get(text);
  if (cached !== undefined) return cached;
  if (scratch.tokenCache.size >= TOKEN_CACHE_LIMIT) scratch.tokenCache.clear();
  const token = lookUpToken(index, text);
  scratch.tokenCache.set(text, token);
  return token;
}

/** The listed words that resemble one query word, found through the exact and fuzzy keys. */
function lookUpToken(index: NameIndex, text: string): QueryToken {
  const matches = new Map<number, number>();
  const exact = index.vocabIds.get(text);
  if (exact !== undefined) matches.set(exact, 1);
  if (text.length >= MIN_FUZZY_LENGTH) {
    const keys = [text, ...deletionKeys(text)];
    const skeleton = skeletonKey(text);
    if (skeleton !== null) keys.push(skeleton);
    for (const key of keys) {
      const ids = index.fuzzyKeys.get(key);
      if (ids === undefined) continue;
      for (const id of ids) {
        if (matches.has(id)) continue;
        const similarity = tokenSimilarity(text, index.vocab[id] as string);
        if (similarity > 0) matches.set(id, similarity);
      }
    }
  }
  // The word weighs what its closest listed word weighs; unknown words are distinctive.
  let weight = unknownTokenWeight(text);
  let best = 0;
  for (const [id, similarity] of matches) {
    if (similarity > best) {
      best = similarity;
      weight = index.vocabWeight[id] as number;
    }
  }
  return { text, weight, matches };
}

/**
 * Screens one name. Candidates come from the postings of the query's words; each candidate's
 * upper bound (sum of matched query-word weights / query weight) is at least its score, so
 * names whose bound is under the threshold are skipped without being scored.
 */
export function screenName(index: NameIndex, scratch: ScreenScratch, query: string, options: ScreenOptions): ScreeningMatch[] {
  const texts = [...new Set(nameTokens(query.slice(0, MAX_QUERY_CHARS)))].slice(0, MAX_QUERY_TOKENS);
  if (texts.length === 0) return [];
  const tokens = texts.map((t) => cachedLookUp(index, scratch, t));
  let queryWeight = 0;
  for (const t of tokens) queryWeight += t.weight;
  const { bound, touched } = scratch;
  let touchedCount = 0;
  for (const token of tokens) {
    for (const [id, similarity] of token.matches) {
      const add = token.weight * similarity;
      const postings = index.postings[id] as Int32Array;
      for (let k = 0; k < postings.length; k++) {
        const nameId = postings[k] as number;
        if (bound[nameId] === 0) touched[touchedCount++] = nameId;
        bound[nameId] = (bound[nameId] as number) + add;
      }
    }
  }
  const minBound = options.threshold * queryWeight - 1e-9;
  const best = scratch.bestByEntry;
  best.clear();
  for (let k = 0; k < touchedCount; k++) {
    const nameId = touched[k] as number;
    const b = bound[nameId] as number;
    bound[nameId] = 0;
    if (b < minBound) continue;
    const name = index.names[nameId];
    if (name === undefined) continue;
    const result = scoreName(tokens, queryWeight, name, false);
    if (result.score < options.threshold) continue;
    const held = best.get(name.entry);
    if (held === undefined || result.score > held.result.score) best.set(name.entry, { nameId, result });
  }
  const ranked = [...best.entries()].sort(
    (a, b) => b[1].result.score - a[1].result.score || a[0] - b[0],
  );
  return ranked.slice(0, options.limit).map(([entryPosition, { nameId }]) => {
    const entry = index.entries[entryPosition] as SanctionsEntry;
    const name = index.names[nameId] as NonNullable<(typeof index.names)[number]>;
    // Re-score the few kept with the explanation on; the hot loop above does not build it.
    const explained = scoreName(tokens, queryWeight, name, true);
    return {
      list: entry.list,
      id: entry.id,
      name: entry.name,
      matchedName: name.text,
      matchedKind: name.kind,
      score: explained.score,
      tokens: explained.pairs,
      entry,
    };
  });
}
