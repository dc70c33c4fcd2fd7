/**
 * Counterparty names as two systems write them differ in case, punctuation, legal-form
 * suffixes and the odd typo: "Wuhan Iron & Steel Co., Ltd." vs "WUHAN IRON AND STEEL".
 * Names are normalised, then compared with Jaro-Winkler.
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

let scratchA = new Uint8Array(256);
let scratchB = new Uint8Array(256);

/** Jaro-Winkler similarity in [0, 1] of two normalised names. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  if (a.length > scratchA.length || b.length > scratchB.length) {
    scratchA = new Uint8Array(Math.max(a.length, scratchA.length * 2));
    scratchB = new Uint8Array(Math.max(b.length, scratchB.length * 2));
  }
  // Reused buffers: this runs millions of times in a large reconciliation.
  const aMatched = scratchA.fill(0, 0, a.length);
  const bMatched = scratchB.fill(0, 0, b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j += 1) {
      if (bMatched[j] === 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
        aMatched[i] = 1;
        bMatched[j] = 1;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (aMatched[i] === 0) continue;
    while (bMatched[k] === 0) k += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions += 1;
    k += 1;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}

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
