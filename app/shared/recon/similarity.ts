import { jaroWinkler } from '../text/jaro-winkler';

/**
 * Counterparty names as two systems write them differ in case, punctuation, legal-form
 * suffixes and the odd typo: "Wuhan Iron & Steel Co., Ltd." vs "WUHAN IRON AND STEEL".
 * Names are normalised, then compared with the shared Jaro-Winkler (app/shared/text).
 */
const LEGAL_FORMS = new Set([
  'CO', 'COMPANY', 'LTD', 'LIMITED', 'INC', 'CORP', 'CORPORATION', 'LLC', 'PLC', 'GMBH', 'AG', 'SA', 'BV', 'NV', 'THE', 'AND',
]);
const CHINESE_FORMS = /(股份有限公司|有限责任公司|有限公司|股份公司|公司)$/;

export function normaliseName(name: string | null): string {
  if (name === null) return '';
  // ASCII names (most) skip NFKC and the Unicode-class split, which cost several times more.
  const ascii = !NON_ASCII.test(name);
  const upper = (ascii ? name : name.normalize('NFKC')).toUpperCase().replace(/&/g, ' AND ').replace(CHINESE_FORMS, '');
  const tokens = upper.split(ascii ? /[^A-Z0-9]+/ : /[^\p{L}\p{N}]+/u).filter((t) => t !== '' && !LEGAL_FORMS.has(t));
  return tokens.join(' ');
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Similarity of two normalised names, or null when either side has none. (The matcher uses
 * NameTable, which computes the same with interned words and caches.) Multi-word names
 * are compared word by word (each word against its best counterpart, weighted by length,
 * both ways): whole-string Jaro-Winkler rewards a shared city prefix, so "HANKOU GUANGGU
 * STEEL" and "HANKOU FUXING TEXTILE" would look alike.
 */
export function nameSimilarity(a: string, b: string): number | null {
  if (a === '' || b === '') return null;
  if (a === b) return 1;
  const aTokens = a.split(' ');
  const bTokens = b.split(' ');
  if (aTokens.length === 1 || bTokens.length === 1) return jaroWinkler(a, b);
  return (directed(aTokens, bTokens) + directed(bTokens, aTokens)) / 2;
}

function directed(from: string[], to: string[]): number {
  let weighted = 0;
  let total = 0;
  for (const token of from) {
    let best = 0;
    for (const other of to) best = Math.max(best, jaroWinkler(token, other));
    weighted += best * token.length;
    total += token.length;
  }
  return weighted / total;
}
