/**
 * Jaro-Winkler similarity of two words (0..1). Works on UTF-16 code units, which is exact for
 * the folded Latin text the screener compares and good enough for other scripts.
 */

/** Winkler's prefix bonus: 0.1 per common leading character, at most 4 characters. */
const PREFIX_SCALE = 0.1;
const MAX_PREFIX = 4;

// Reused scratch buffers: screening calls this in a hot loop, allocation would dominate.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const lenA = a.length;
  const lenB = b.length;
  if (lenA === 0 || lenB === 0) return 0;
  if (lenA > flagsA.length) flagsA = new Uint8Array(lenA * 2);
  if (lenB > flagsB.length) flagsB = new Uint8Array(lenB * 2);
  flagsA.fill(0, 0, lenA);
  flagsB.fill(0, 0, lenB);
  const window = Math.max(0, Math.floor(Math.max(lenA, lenB) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < lenA; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lenB - 1, i + window);
    const code = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === code) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < lenA; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / lenA + m / lenB + (m - transpositions / 2) / m) / 3;
}

export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j === 1 || j === 0) return j;
  const limit = Math.min(MAX_PREFIX, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * PREFIX_SCALE * (1 - j);
}
