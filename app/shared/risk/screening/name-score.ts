import type { IndexedName } from './name-index';

/** A query word with the listed words it resembles (vocabulary id -> similarity). */
export interface QueryToken {
  text: string;
  weight: number;
  matches: Map<number, number>;
}

export interface TokenPair {
  query: string;
  listed: string;
  similarity: number;
}

export interface NameScore {
  score: number;
  /** Share of the query's weight explained by the listed name. */
  queryCoverage: number;
  /** Share of the listed name's weight found in the query. */
  entryCoverage: number;
  pairs: TokenPair[];
}

/**
 * How much a listed word missing from the query costs. Payments often leave out middle names
 * and legal forms, so a missing listed word costs far less than an unexplained query word: the
 * query "John Smith" against "SMITH, John Michael" scores 0.9, "John Smith Walker" against
 * "SMITH, John" about 0.7.
 */
export const MISSING_WORD_PENALTY = 0.3;

const pairScratch: { i: number; j: number; s: number }[] = [];

/**
 * Scores one listed name against the query: words are aligned one to one, best pairs first
 * (greedy; names are short, and greedy equals the optimum unless a word resembles two others
 * almost equally), then
 *   score = queryCoverage * (1 - MISSING_WORD_PENALTY * (1 - entryCoverage)).
 * Word order does not matter; a misspelt word counts for its similarity.
 */
export function scoreName(query: readonly QueryToken[], queryWeight: number, name: IndexedName, explain: boolean): NameScore {
  pairScratch.length = 0;
  for (let i = 0; i < query.length; i++) {
    const matches = (query[i] as QueryToken).matches;
    if (matches.size === 0) continue;
    for (let j = 0; j < name.vocab.length; j++) {
      const s = matches.get(name.vocab[j] as number);
      if (s !== undefined) pairScratch.push({ i, j, s });
    }
  }
  pairScratch.sort((a, b) => b.s - a.s || a.i - b.i || a.j - b.j);
  let usedQuery = 0;
  let usedName = 0;
  let queryMatched = 0;
  let nameMatched = 0;
  const pairs: TokenPair[] = [];
  for (const { i, j, s } of pairScratch) {
    // Names of more than 31 words are not real; beyond that words simply stay unmatched.
    if (i > 30 || j > 30) continue;
    if (usedQuery & (1 << i) || usedName & (1 << j)) continue;
    usedQuery |= 1 << i;
    usedName |= 1 << j;
    const q = query[i] as QueryToken;
    queryMatched += q.weight * s;
    nameMatched += (name.weights[j] as number) * s;
    if (explain) pairs.push({ query: q.text, listed: name.tokens[j] as string, similarity: s });
  }
  const queryCoverage = queryWeight > 0 ? queryMatched / queryWeight : 0;
  const entryCoverage = name.totalWeight > 0 ? nameMatched / name.totalWeight : 0;
  const score = queryCoverage * (1 - MISSING_WORD_PENALTY * (1 - entryCoverage));
  return { score, queryCoverage, entryCoverage, pairs };
}
