import { HANJA_READING, KOREAN_COMPOUND_SURNAMES, KOREAN_SURNAMES } from './hanja-korean-table';
import { isHangulSyllable, KOREAN_SYSTEMS, romaniseSyllable, surnameSpelling } from './korean-romanise';

/**
 * Korean readings of a person's name written in Han characters (金正恩 -> "kim jong un",
 * "kim chong un", "kim jeong eun") or in Hangul (김정은), for screening against lists that
 * spell Korean names in Latin letters only. Given beside the pinyin readings: the screener tries
 * every reading and keeps the best score, so a Chinese name read the Korean way can only add a
 * candidate, never hide its pinyin match.
 *
 * Read only what can be a Korean person's name: 2-4 characters, a Korean surname (one or two
 * characters, hanja-korean-table.ts) and a given name of 1-3 characters that all have a reading.
 * Company names and other text get none. Each system gives the given name spaced and joined
 * (OFAC writes "KIM, Jong Un", others "Jong-un" or "Jongun"): at most six readings.
 */
/**
 * A Korean reading of a Han name alerts only from this score up (the default alert threshold is
 * 0.85). Nearly every Chinese surname is a Korean one too, so read the Korean way a Chinese name
 * often lands near one of the hundreds of North Korean names on the lists (秦明 -> "jin myong" ~
 * "CHANG, Myong-Chin" 0.91); demanding a near-exact reading keeps 金正恩 -> KIM JONG UN (1.0) and
 * drops those. Measured on 2,000 common Chinese names (app/main/risk/korean-screening.test.ts,
 * docs/risk.md): 73 extra alerts at 0.85, 7 at 0.95 (0.35%; pinyin alone: 32).
 */
export const KOREAN_READING_MIN_SCORE = 0.95;

const MIN_LENGTH = 2;
const MAX_LENGTH = 4;

function syllablesOf(name: string): string[] | null {
  const compact = name.replace(/[\s·・.]/gu, '');
  const chars = [...compact];
  if (chars.length < MIN_LENGTH || chars.length > MAX_LENGTH) return null;
  const out: string[] = [];
  for (const ch of chars) {
    const reading = isHangulSyllable(ch) ? ch : HANJA_READING.get(ch);
    if (reading === undefined) return null;
    out.push(reading);
  }
  return out;
}

function surnameLength(name: string, syllables: readonly string[]): number {
  const compact = name.replace(/[\s·・.]/gu, '');
  if (syllables.length >= 3 && KOREAN_COMPOUND_SURNAMES.has(compact.slice(0, 2))) return 2;
  return KOREAN_SURNAMES.has(syllables[0] as string) ? 1 : 0;
}

export function koreanNameReadings(name: string): string[] {
  const syllables = syllablesOf(name);
  if (syllables === null) return [];
  const length = surnameLength(name, syllables);
  if (length === 0) return [];
  const surname = syllables.slice(0, length);
  const given = syllables.slice(length);
  const readings = new Set<string>();
  for (const system of KOREAN_SYSTEMS) {
    const family = surnameSpelling(surname, system);
    const parts = given.map((s) => romaniseSyllable(s, system));
    readings.add([family, ...parts].join(' '));
    if (parts.length > 1) readings.add(`${family} ${parts.join('')}`);
  }
  return [...readings];
}
