import { pick, seededRandom } from '../../../seeded-random';

/**
 * Alters a listed name the way payment data does, all at once: the middle name dropped (people
 * with three or more words), word order changed, case mixed, punctuation removed or moved, and
 * one typo (a letter substituted, dropped, doubled or two swapped) in a word of four or more
 * letters — shorter words are matched exactly by design (see token-similarity.ts).
 */
export interface AlteredName {
  original: string;
  altered: string;
  steps: string[];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function typo(word: string, random: () => number): string {
  const i = Math.floor(random() * word.length);
  const kind = Math.floor(random() * 4);
  if (kind === 0) {
    const current = word[i]?.toLowerCase();
    let letter = pick(random, [...LETTERS]);
    while (letter === current) letter = pick(random, [...LETTERS]);
    return word.slice(0, i) + letter + word.slice(i + 1);
  }
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 2) return word.slice(0, i) + (word[i] ?? '') + word.slice(i);
  const j = Math.min(i, word.length - 2);
  return word.slice(0, j) + (word[j + 1] ?? '') + (word[j] ?? '') + word.slice(j + 2);
}

export const ALTERATIONS = ['punctuation', 'dropped middle', 'word order', 'typo', 'case'] as const;
export type Alteration = (typeof ALTERATIONS)[number];

/** Applies every alteration, or only those in `only` (to measure each on its own). */
export function alterName(name: string, isPerson: boolean, seed: number, only: ReadonlySet<Alteration> = new Set(ALTERATIONS)): AlteredName {
  const random = seededRandom(seed);
  const steps: string[] = [];
  // OFAC writes people "SURNAME, Given Middle": put it back in the order a payment would use.
  let words: string[];
  const comma = name.indexOf(',');
  if (isPerson && comma > 0) {
    words = [...name.slice(comma + 1).split(/\s+/), ...name.slice(0, comma).split(/\s+/)].filter((w) => w !== '');
  } else {
    words = name.split(/\s+/).filter((w) => w !== '');
  }
  const hyphen = random() < 0.5 ? ' ' : '';
  words = only.has('punctuation')
    ? words
        .join(' ')
        .replace(/[.,;:()"]/g, '')
        .replace(/-/g, hyphen)
        .split(/\s+/)
        .filter((w) => w !== '')
    : words.map((w) => w.replace(/,$/, ''));
  if (only.has('punctuation')) steps.push('punctuation');
  if (only.has('dropped middle') && isPerson && words.length >= 3) {
    const drop = 1 + Math.floor(random() * (words.length - 2));
    words.splice(drop, 1);
    steps.push('dropped middle');
  }
  if (only.has('word order') && words.length >= 2) {
    const original = words.join(' ');
    for (let attempt = 0; attempt < 5 && words.join(' ') === original; attempt++) {
      for (let i = words.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [words[i], words[j]] = [words[j] as string, words[i] as string];
      }
    }
    if (words.join(' ') !== original) steps.push('word order');
  }
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[\p{L}-]{4,}$/u.test(w));
  if (only.has('typo') && long.length > 0) {
    const [word, at] = pick(random, long);
    words[at] = typo(word, random);
    steps.push('typo');
  }
  if (only.has('case')) {
    words = words.map((w) => {
      const r = random();
      return r < 0.4 ? w.toLowerCase() : r < 0.8 ? w.charAt(0).toUpperCase() + w.slice(1).toLowerCase() : w.toUpperCase();
    });
    steps.push('case');
  }
  const separator = only.has('punctuation') && random() < 0.3 ? ', ' : ' ';
  const altered = words.length >= 2 ? (words[0] as string) + separator + words.slice(1).join(' ') : words.join(' ');
  return { original: name, altered, steps };
}
