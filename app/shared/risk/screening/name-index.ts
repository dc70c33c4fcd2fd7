import { LOW_WEIGHT_WORDS, nameVariants } from './normalise-name';
import { type AliasKind, entryNames, type SanctionsEntry, type SanctionsList } from './sanctions-list';
import { deletionKeys, MIN_FUZZY_LENGTH, skeletonKey } from './token-similarity';

/** One spelling of one entry's name, ready to score. */
export interface IndexedName {
  /** Position of the entry in NameIndex.entries. */
  entry: number;
  /** The name as the list writes it. */
  text: string;
  kind: AliasKind | 'primary';
  tokens: string[];
  /** Vocabulary id of each token. */
  vocab: Int32Array;
  /** Scoring weight of each token (see tokenWeight). */
  weights: Float64Array;
  totalWeight: number;
}

/**
 * The screening index: a vocabulary of every word on the lists, each word's postings (the names
 * that hold it) and fuzzy keys (deletion neighbourhood and consonant skeleton) so a misspelt
 * query word finds its listed word without comparing against the whole vocabulary.
 */
export interface NameIndex {
  entries: SanctionsEntry[];
  names: IndexedName[];
  vocab: string[];
  vocabIds: Map<string, number>;
  vocabWeight: Float64Array;
  postings: Int32Array[];
  fuzzyKeys: Map<string, number[]>;
  lists: { list: string; title: string; entries: number; names: number }[];
}

/** Weight of a single letter (an initial): it confirms, it cannot identify. */
export const INITIAL_WEIGHT = 0.15;
/** Ceiling on the weight of legal forms and particles ("ltd", "al", "de"). */
export const LOW_WORD_WEIGHT = 0.15;
/** A word on this few names or fewer is fully distinctive (weight 1). */
const DISTINCTIVE_DF = 5;
/** Below this many names the lists are too small for word frequencies to mean anything. */
const MIN_NAMES_FOR_IDF = 50;
const MIN_WEIGHT = 0.1;

/**
 * Inverse document frequency scaled to 0.1..1: "muhammad" (on ~1,000 of 25,000 names) weighs
 * about 0.4, a surname found once weighs 1. Common words then cannot carry a match alone.
 */
export function tokenWeight(token: string, documentFrequency: number, nameCount: number): number {
  if (token.length === 1) return INITIAL_WEIGHT;
  let weight = 1;
  if (nameCount >= MIN_NAMES_FOR_IDF && documentFrequency > DISTINCTIVE_DF) {
    weight = Math.log(nameCount / documentFrequency) / Math.log(nameCount / DISTINCTIVE_DF);
    weight = Math.min(1, Math.max(MIN_WEIGHT, weight));
  }
  return LOW_WEIGHT_WORDS.has(token) ? Math.min(weight, LOW_WORD_WEIGHT) : weight;
}

/** Weight of a query word the lists do not hold at all. */
export function unknownTokenWeight(token: string): number {
  if (token.length === 1) return INITIAL_WEIGHT;
  return LOW_WEIGHT_WORDS.has(token) ? LOW_WORD_WEIGHT : 1;
}

export function buildNameIndex(lists: readonly SanctionsList[]): NameIndex {
  const entries: SanctionsEntry[] = [];
  const raw: { entry: number; text: string; kind: AliasKind | 'primary'; tokens: string[] }[] = [];
  const summary: NameIndex['lists'] = [];
  for (const list of lists) {
    const before = raw.length;
    for (const entry of list.entries) {
      const position = entries.push(entry) - 1;
      const seen = new Set<string>();
      for (const { name, kind } of entryNames(entry)) {
        for (const variant of nameVariants(name)) {
          // A word said twice ("MOHAMED HAMID MOHAMED") is one word to match, as in the query.
          const tokens = [...new Set(variant)];
          const key = tokens.join(' ');
          if (tokens.length === 0 || seen.has(key)) continue;
          seen.add(key);
          raw.push({ entry: position, text: name, kind, tokens });
        }
      }
    }
    summary.push({ list: list.list, title: list.title, entries: list.entries.length, names: raw.length - before });
  }

  const vocab: string[] = [];
  const vocabIds = new Map<string, number>();
  const postingLists: number[][] = [];
  for (const [nameId, name] of raw.entries()) {
    for (const token of new Set(name.tokens)) {
      let id = vocabIds.get(token);
      if (id === undefined) {
        id = vocab.push(token) - 1;
        vocabIds.set(token, id);
        postingLists.push([]);
      }
      postingLists[id]?.push(nameId);
    }
  }
  const vocabWeight = new Float64Array(vocab.length);
  for (const [id, token] of vocab.entries()) vocabWeight[id] = tokenWeight(token, postingLists[id]?.length ?? 1, raw.length);

  const fuzzyKeys = new Map<string, number[]>();
  const file = (key: string, id: number) => {
    const ids = fuzzyKeys.get(key);
    if (ids === undefined) fuzzyKeys.set(key, [id]);
    else if (ids[ids.length - 1] !== id) ids.push(id);
  };
  for (const [id, token] of vocab.entries()) {
    if (token.length < MIN_FUZZY_LENGTH) continue;
    file(token, id);
    for (const key of deletionKeys(token)) file(key, id);
    const skeleton = skeletonKey(token);
    if (skeleton !== null) file(skeleton, id);
  }

  const names: IndexedName[] = raw.map((name) => {
    const ids = Int32Array.from(name.tokens, (t) => vocabIds.get(t) ?? -1);
    const weights = Float64Array.from(ids, (id) => vocabWeight[id] ?? 1);
    let totalWeight = 0;
    for (const w of weights) totalWeight += w;
    return { ...name, vocab: ids, weights, totalWeight };
  });
  return {
    entries,
    names,
    vocab,
    vocabIds,
    vocabWeight,
    postings: postingLists.map((p) => Int32Array.from(p)),
    fuzzyKeys,
    lists: summary,
  };
}
