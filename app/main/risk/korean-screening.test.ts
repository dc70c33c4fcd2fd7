import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Screener } from '../../shared/risk/screening/screener';
import { commonHanNames } from '../../shared/risk/screening/testing/common-han-names';
import { hanReadings, pinyinReadings } from './han-readings';
import { loadOfacDirectory, loadUnFile } from './load-sanctions-lists';

/**
 * Korean names written in Han characters against the real lists (issue 16): the lists spell
 * North Korean names in Latin letters only, so 金正恩 must be found through its Sino-Korean
 * reading. Needs ../shared/fixtures/sanctions (OFAC SDN 2019 CSV, UN consolidated XML); where
 * that folder is absent the suite is skipped and says so.
 */
const fixtures = path.resolve(process.cwd(), '../shared/fixtures/sanctions');
const ofacDir = path.join(fixtures, 'ofac-2019');
const unFile = path.join(fixtures, 'un/UN_consolidated.xml');
const present = existsSync(ofacDir) && existsSync(unFile);
/** Measured 7 of 2,000 (0.35%) added by the Korean readings, beside 32 by pinyin; the bar a change must not pass. */
const BAR = 0.01;
if (!present) console.warn(`korean-screening.test: SKIPPED, the real sanctions lists are not at ${fixtures} (../shared/fixtures/sanctions)`);

describe.skipIf(!present)('Korean names in Han characters on the real OFAC and UN lists', () => {
  const lists = present ? [loadOfacDirectory(ofacDir).list, loadUnFile(unFile).list] : [];
  const withKorean = new Screener(lists, { readings: hanReadings });
  const pinyinOnly = new Screener(lists, { readings: pinyinReadings });

  it.each([
    // name in characters, the list, its entry (null: any), the list's spelling (as a person worked it out)
    ['金正恩', 'ofac', '20157', 'KIM, Jong Un'],
    ['金 正恩', 'ofac', '20157', 'KIM, Jong Un'],
    ['김정은', 'ofac', '20157', 'KIM, Jong Un'],
    ['金与正', 'ofac', null, 'KIM, Yo Jong'],
    ['崔龙海', 'ofac', null, 'CHOE, Ryong Hae'],
    ['李成哲', 'ofac', null, 'RI, Song Chol'],
    ['崔春植', 'un', null, 'CHOE CHUN-SIK'],
    ['李济善', 'un', null, 'RI JE-SON'],
  ] as const)('%s finds %s %s (%s)', (name, list, id, spelling) => {
    const best = withKorean.screen(name)[0];
    expect(best, `${name} should find ${spelling}`).toBeDefined();
    if (best?.list !== list) expect(withKorean.screen(name).filter((m) => m.list === list)[0]?.score).toBeGreaterThanOrEqual(0.95);
    if (id !== null) expect(best?.id).toBe(id);
    expect(best?.matchedName.toLowerCase().replace(/[^a-z]/g, '')).toBe(spelling.toLowerCase().replace(/[^a-z]/g, ''));
    expect(best?.score).toBeGreaterThanOrEqual(0.95);
  });

  it('KIM JONG-UN in Latin letters still scores 1.0; pinyin alone (jin zheng en) does not find 金正恩', () => {
    expect(withKorean.screen('KIM JONG-UN')[0]).toMatchObject({ id: '20157', score: 1 });
    expect(pinyinOnly.screen('金正恩').find((m) => m.id === '20157')).toBeUndefined();
  });

  it('common Chinese names in characters: alerts with pinyin only, and what the Korean readings add', () => {
    const names = commonHanNames(2000);
    const alerts = (screener: Screener) => new Map(names.flatMap((name) => {
      const best = screener.screen(name)[0];
      return best === undefined ? [] : [[name, `${name} -> ${best.list} ${best.id} ${best.matchedName} ${best.score.toFixed(3)}`] as const];
    }));
    const pinyin = alerts(pinyinOnly);
    const both = alerts(withKorean);
    const added = [...both.keys()].filter((name) => !pinyin.has(name));
    console.log(JSON.stringify({ screened: names.length, alertsPinyinOnly: pinyin.size, alertsWithKorean: both.size, addedByKorean: added.length, addedRate: added.length / names.length, examples: added.map((n) => both.get(n)) }));
    expect(names.length).toBe(2000);
    expect(added.length / names.length).toBeLessThanOrEqual(BAR);
  });
});
