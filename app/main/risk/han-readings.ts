import { pinyin } from 'pinyin-pro';
import type { NameReadings } from '../../shared/risk/screening/screener';
import { KOREAN_READING_MIN_SCORE, koreanNameReadings } from '../../shared/risk/screening/korean-readings';

/**
 * Pinyin readings of names written in Han characters, for the screener (app/shared stays free of
 * the 300 KB dictionary: the reading is given to it). Lists and payments write a Chinese name in
 * characters (李方伟) or in pinyin, spaced in different ways: "LI, Fangwei", "Li Fang Wei". Each
 * reading below is one of those spellings; the matcher's word alignment does the rest.
 *
 * Korean names written in Han characters read differently (金正恩 is "Kim Jong Un" in Korean,
 * "Jin Zheng'en" in pinyin) and the lists spell them in Latin letters only: a name that can be a
 * Korean person's also gets its Sino-Korean readings (app/shared/risk/screening/korean-readings.ts),
 * as does a name written in Hangul. Japanese readings of Han names are not covered.
 */

const HAN_RUN = /\p{Script=Han}+/gu;
const HAN = /\p{Script=Han}/u;

/** Two-character surnames: the given name starts after them (欧阳修 -> "ouyang xiu"). */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '端木', '南宫', '西门', '澹台', '呼延',
]);

function syllables(run: string, asName: boolean): string[] {
  return pinyin(run, { toneType: 'none', type: 'array', v: false, ...(asName ? { surname: 'head' as const } : {}) }).map((s) => s.replace(/ü/g, 'u'));
}

/** A run of 2-4 characters read as a person's name: surname, then the given name as one word. */
function personReadings(run: string): string[] {
  const all = syllables(run, true);
  const surnameLength = run.length >= 3 && COMPOUND_SURNAMES.has(run.slice(0, 2)) ? 2 : 1;
  const surname = all.slice(0, surnameLength).join('');
  const given = all.slice(surnameLength);
  return [[surname, given.join('')].join(' '), [surname, ...given].join(' ')];
}

/** A longer run (a company) as two-syllable words, the commonest word length: 武汉恒通 -> "wuhan hengtong". */
function wordReadings(run: string): string[] {
  const all = syllables(run, false);
  const pairs: string[] = [];
  for (let i = 0; i < all.length; i += 2) pairs.push(all.slice(i, i + 2).join(''));
  return [pairs.join(' '), all.join(' ')];
}

export const hanReadings: NameReadings = (name) => {
  const korean = koreanNameReadings(name).map((text) => ({ text, minScore: KOREAN_READING_MIN_SCORE }));
  if (!HAN.test(name)) return korean;
  return [...new Set([...pinyinReadings(name), ...korean])];
};

/** The pinyin readings alone (han-readings.test, korean-screening.test compare with and without the Korean ones). */
export function pinyinReadings(name: string): string[] {
  const runs = name.match(HAN_RUN) ?? [];
  // A name that is one short run of characters is a person's; anything else is read word-wise.
  const person = runs.length === 1 && name.trim() === runs[0] && runs[0].length >= 2 && runs[0].length <= 4;
  const variants = person ? personReadings(runs[0] as string) : [0, 1].map((which) => name.replace(HAN_RUN, (run) => ` ${wordReadings(run)[which]} `));
  return [...new Set(variants.map((v) => v.replace(/\s+/g, ' ').trim()).filter((v) => v !== '' && v !== name))];
}
