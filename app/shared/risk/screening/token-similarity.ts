import { jaroWinkler } from '../../text/jaro-winkler';

/**
 * When two name words count as the same word. Below the cut-off a pair contributes nothing:
 * Jaro-Winkler gives unrelated words 0.5-0.7, and letting those add up across a long name is how
 * ordinary names end up alerting.
 */
export const TOKEN_MATCH_MIN = 0.84;

/**
 * Words this short ("li", "ali", "wu") are matched exactly only: one changed letter makes a
 * different, equally common name, so a fuzzy match there is noise, not a typo caught.
 */
export const MIN_FUZZY_LENGTH = 4;

/**
 * Jaro-Winkler punishes a typo in the first letters hard ("eopez" / "lopez" 0.87): for words of
 * five letters or more, one edit (substitution, insertion, deletion, adjacent swap) scores at
 * least this, wherever it falls.
 */
export const ONE_EDIT_FLOOR = 0.9;
const ONE_EDIT_MIN_LENGTH = 5;

export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < MIN_FUZZY_LENGTH || b.length < MIN_FUZZY_LENGTH) return 0;
  let similarity = jaroWinkler(a, b);
  if (similarity < ONE_EDIT_FLOOR && a.length >= ONE_EDIT_MIN_LENGTH && b.length >= ONE_EDIT_MIN_LENGTH && withinOneEdit(a, b)) {
    similarity = ONE_EDIT_FLOOR;
  }
  return similarity >= TOKEN_MATCH_MIN ? similarity : 0;
}

/** True when a and b differ by at most one substitution, insertion, deletion or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Keys under which a word is filed for fuzzy look-up: every single-letter deletion. */
export function deletionKeys(word: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < word.length; i++) keys.push(word.slice(0, i) + word.slice(i + 1));
  return keys;
}

const VOWELS = /[aeiouy]/g;

/**
 * A consonant skeleton ("muhammad", "mohammed" -> "mhmd"): finds transliteration variants two or
 * more edits apart, which deletion keys miss. Only a look-up key; the pair must still pass
 * tokenSimilarity.
 */
export function skeletonKey(word: string): string | null {
  const skeleton = word.replace(VOWELS, '').replace(/(.)\1+/g, '$1');
  return skeleton.length >= 3 && skeleton !== word ? `#${skeleton}` : null;
}
