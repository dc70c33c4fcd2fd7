/**
 * Romanisation of Korean name syllables the ways sanctions lists and payments spell them. Names
 * are romanised syllable by syllable (no sound changes across syllables), as passports and lists
 * do. Three systems, because the lists mix them:
 * - `dprk`: McCune-Reischauer without breves or apostrophes, as North Korean names appear on
 *   OFAC and UN lists (KIM JONG UN, CHOE RYONG HAE, RI SONG CHOL, PAK PONG JU): ㅓ -> o,
 *   ㅡ -> u, ㅈ -> j, initial ㄹ kept as r.
 * - `mr`: the same with ㅈ -> ch and plain k/t/p for the aspirates (CHONG, CH'OE -> choe).
 * - `rr`: South Korea's Revised Romanization (2000): ㅓ -> eo, ㅡ -> eu, g/d/b/j.
 * Surnames also take the South's conventional spellings (LEE, PARK, CHOI, JUNG) and the initial-
 * sound rule (두음법칙: 리 -> 이, 류 -> 유, 로 -> 노).
 */

export type KoreanSystem = 'dprk' | 'mr' | 'rr';
export const KOREAN_SYSTEMS: readonly KoreanSystem[] = ['dprk', 'mr', 'rr'];

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;

// Initial consonants in Unicode order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
const INITIALS: Record<KoreanSystem, readonly string[]> = {
  dprk: ['k', 'kk', 'n', 't', 'tt', 'r', 'm', 'p', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'kh', 'th', 'ph', 'h'],
  mr: ['k', 'kk', 'n', 't', 'tt', 'r', 'm', 'p', 'pp', 's', 'ss', '', 'ch', 'tch', 'ch', 'k', 't', 'p', 'h'],
  rr: ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'],
};
// Vowels: ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ
const MR_VOWELS = ['a', 'ae', 'ya', 'yae', 'o', 'e', 'yo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'u', 'ui', 'i'];
const VOWELS: Record<KoreanSystem, readonly string[]> = {
  dprk: MR_VOWELS,
  mr: MR_VOWELS,
  rr: ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i'],
};
// Finals (Sino-Korean syllables end only in ㄱ ㄴ ㄹ ㅁ ㅂ ㅇ; the rest as their sound).
const FINALS = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'p', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];

/** Unicode index of ㅇ (silent initial) and of ㄹ, ㄴ among the initials. */
const SILENT = 11;
const RIEUL = 5;
const NIEUN = 2;
/** Vowels ㅣ ㅑ ㅕ ㅛ ㅠ ㅖ, before which the South drops an initial ㄹ or ㄴ. */
const Y_OR_I = new Set([20, 2, 6, 12, 17, 7]);

function parts(syllable: string): [number, number, number] | null {
  const code = syllable.codePointAt(0) ?? 0;
  if (syllable.length !== 1 || code < HANGUL_FIRST || code > HANGUL_LAST) return null;
  const index = code - HANGUL_FIRST;
  return [Math.floor(index / 588), Math.floor((index % 588) / 28), index % 28];
}

export function isHangulSyllable(text: string): boolean {
  return parts(text) !== null;
}

/** 리 -> 이, 로 -> 노, 녀 -> 여: a syllable at the start of a South Korean name. */
export function initialSoundRule(syllable: string): string {
  const p = parts(syllable);
  if (p === null) return syllable;
  const [initial, vowel, final] = p;
  let next = initial;
  if (initial === RIEUL) next = Y_OR_I.has(vowel) ? SILENT : NIEUN;
  else if (initial === NIEUN && Y_OR_I.has(vowel)) next = SILENT;
  return String.fromCodePoint(HANGUL_FIRST + next * 588 + vowel * 28 + final);
}

/** One syllable in one system: 정 -> jong (dprk), chong (mr), jeong (rr). */
export function romaniseSyllable(syllable: string, system: KoreanSystem): string {
  const p = parts(syllable);
  if (p === null) return syllable;
  const [initial, vowel, final] = p;
  let onset = INITIALS[system][initial] ?? '';
  // ㅅ before ㅣ (and ㅟ) sounds sh: MR and the South's habit write shi / shin.
  if (system === 'mr' && initial === 9 && (vowel === 20 || vowel === 16)) onset = 'sh';
  return onset + (VOWELS[system][vowel] ?? '') + (FINALS[final] ?? '');
}

/**
 * How the South conventionally spells common surnames (passports, company registers), used for
 * the `rr` reading instead of the strict system: 이 LEE, 박 PARK, 최 CHOI, 정 JUNG, 유 YOO ...
 */
const SOUTH_SURNAMES: Readonly<Record<string, string>> = {
  김: 'kim', 이: 'lee', 박: 'park', 최: 'choi', 정: 'jung', 강: 'kang', 조: 'cho', 윤: 'yoon', 장: 'jang', 임: 'lim', 오: 'oh',
  서: 'seo', 신: 'shin', 권: 'kwon', 안: 'ahn', 유: 'yoo', 전: 'jeon', 고: 'ko', 문: 'moon', 손: 'son', 배: 'bae', 백: 'baek',
  허: 'heo', 노: 'noh', 심: 'shim', 곽: 'kwak', 성: 'sung', 주: 'joo', 우: 'woo', 구: 'koo', 진: 'jin', 지: 'ji', 엄: 'um',
  천: 'chun', 방: 'bang', 공: 'kong', 현: 'hyun', 변: 'byun', 추: 'choo', 석: 'seok', 선: 'sun', 길: 'gil', 명: 'myung',
  육: 'yook', 국: 'kook', 부: 'boo', 두: 'doo',
};

/**
 * A surname (its syllables) in one system: dprk and mr as written in the North (RI, RYU, PAK,
 * CHOE); rr as the South writes it, after the initial-sound rule (이 LEE, 유 YOO, 박 PARK).
 */
export function surnameSpelling(syllables: readonly string[], system: KoreanSystem): string {
  if (system !== 'rr') return syllables.map((s) => romaniseSyllable(s, system)).join('');
  const south = syllables.map((s, i) => (i === 0 ? initialSoundRule(s) : s));
  return (south.length === 1 ? SOUTH_SURNAMES[south[0] as string] : undefined) ?? south.map((s) => romaniseSyllable(s, 'rr')).join('');
}
