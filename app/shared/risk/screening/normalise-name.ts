/**
 * Name normalisation for screening. Lists and payments spell the same person differently:
 * "CRUZ, Juan M. de la" on OFAC, "Juan de la Cruz" on a payment. We reduce both to lower-case
 * tokens with diacritics, punctuation and honorifics removed; word order is handled by the
 * matcher (token alignment), not here.
 */

/** Titles and honorifics that say nothing about who the person is. */
export const HONORIFICS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'rev', 'fr',
  'sheikh', 'shaykh', 'sheik', 'haji', 'hajji', 'alhaj', 'alhaji', 'mullah', 'mulla', 'maulvi',
  'maulana', 'mawlawi', 'qari', 'imam', 'sayyid', 'sayed', 'general', 'gen', 'col', 'colonel',
  'capt', 'captain', 'major', 'lt', 'herr', 'frau', 'monsieur', 'mme', 'madame', 'senor', 'sr', 'sra',
  'jr', 'xiansheng', 'nushi', 'xiaojie',
]);

/**
 * Low-information words: legal forms present on most company names and name particles
 * ("al", "bin", "de la"). They must not make two names look alike, so they stay as tokens (they
 * still help pick the right entry) but carry a small weight in scoring.
 */
export const LOW_WEIGHT_WORDS: ReadonlySet<string> = new Set([
  'co', 'company', 'companies', 'corp', 'corporation', 'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp',
  'plc', 'sa', 'sas', 'sarl', 'srl', 'spa', 'ag', 'gmbh', 'kg', 'bv', 'nv', 'ab', 'oy', 'as', 'jsc', 'ojsc',
  'cjsc', 'pjsc', 'ooo', 'oao', 'zao', 'pao', 'fze', 'fzco', 'fzc', 'est', 'establishment', 'pte',
  'pvt', 'sdn', 'bhd', 'cv', 'the', 'and', 'of', 'for', 'youxian', 'gongsi', 'zeren',
  'al', 'el', 'ul', 'bin', 'ibn', 'bint', 'binti', 'bte', 'la', 'le', 'de', 'del', 'della', 'des', 'do', 'dos',
  'da', 'das', 'di', 'du', 'van', 'von', 'der', 'den', 'ter', 'y', 'e',
]);

/** Characters removed without splitting the word: O'Brien -> obrien, S.A. -> sa. */
const JOINING_MARKS = /['’‘`´.]/g;
/** Anything that is not a letter or digit separates words (hyphens, commas, slashes, brackets). */
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}+/gu;
/** Letters that do not decompose under NFKD but have a plain Latin spelling. */
const FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ð: 'd', þ: 'th', ł: 'l', đ: 'd', ı: 'i', ħ: 'h',
};
const FOLDABLE = /[ßæœøðþłđıħ]/g;

/** Lower-case, fold diacritics (é -> e, ß -> ss) and full-width forms; keeps other scripts as they are. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(FOLDABLE, (ch) => FOLDS[ch] ?? ch);
}

const HAN_ONLY = /^\p{Script=Han}+$/u;

/**
 * Chinese names are written without spaces, but forms and lists sometimes add them ("张 伟") or
 * a middle dot ("奥萨马·本·拉登"): adjacent words written only in Han characters are one word.
 */
function joinHan(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const last = out.length - 1;
    if (last >= 0 && HAN_ONLY.test(word) && HAN_ONLY.test(out[last] as string)) out[last] += word;
    else out.push(word);
  }
  return out;
}

/** The words of a name, folded, with punctuation and honorifics removed. Order is kept. */
export function nameTokens(name: string): string[] {
  const folded = foldText(name).replace(JOINING_MARKS, '');
  const words = joinHan(folded.split(SEPARATORS).filter((w) => w.length > 0));
  const kept = words.filter((w) => !HONORIFICS.has(w));
  // A name made only of honorifics ("Mr") is still something to compare: keep it rather than nothing.
  return kept.length > 0 ? kept : words;
}

/** The canonical form used for display of what was compared: tokens joined by single spaces. */
export function normaliseName(name: string): string {
  return nameTokens(name).join(' ');
}

/**
 * Extra spellings of a listed name: a hyphenated or apostrophised part is also indexed joined up
 * ("AL-QAIDA" also as "alqaida"), because payments write it both ways.
 */
export function nameVariants(name: string): string[][] {
  const base = nameTokens(name);
  const variants = [base];
  if (/[-‐‑]/.test(name)) {
    const joined = nameTokens(name.replace(/\s*[-‐‑]\s*/g, ''));
    if (joined.join(' ') !== base.join(' ') && joined.length > 0) variants.push(joined);
  }
  return variants;
}
