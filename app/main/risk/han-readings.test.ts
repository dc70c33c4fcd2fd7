import { describe, expect, it } from 'vitest';
import type { SanctionsList } from '../../shared/risk/screening/sanctions-list';
import { Screener } from '../../shared/risk/screening/screener';
import { hanReadings, pinyinReadings } from './han-readings';

const entry = (id: string, name: string, aliases: string[] = []) => ({
  list: 'local' as const, id, type: 'individual' as const, name, aliases: aliases.map((a) => ({ name: a, kind: 'aka' as const })),
  programs: [], addresses: [], reference: null, remarks: null,
});
const list: SanctionsList = {
  list: 'local',
  title: 'test',
  entries: [
    entry('L-1', 'LI, Fangwei', ['LI Fang Wei']),
    entry('L-2', 'KIM, Jong Un', ['金正恩']),
    entry('L-3', '武汉恒通地下钱庄'),
    entry('L-4', 'OUYANG, Xiu'),
    entry('L-5', 'صدام حسين التكريتي'),
  ],
};

describe('Han names in screening', () => {
  it('reads a person as surname + given name, a company as two-syllable words', () => {
    expect(pinyinReadings('李方伟')).toEqual(['li fangwei', 'li fang wei']);
    expect(hanReadings('欧阳修')).toEqual(['ouyang xiu']);
    expect(pinyinReadings('吕布')).toEqual(['lu bu']);
    expect(hanReadings('武汉恒通地下钱庄')).toEqual(['wuhan hengtong dixia qianzhuang', 'wu han heng tong di xia qian zhuang']);
    expect(hanReadings('KIM Jong Un')).toEqual([]);
  });

  it('adds the Korean readings of a name that can be a Korean person’s, counting only near-exact matches', () => {
    const readings = hanReadings('金正恩');
    expect(readings.slice(0, 2)).toEqual(['jin zhengen', 'jin zheng en']);
    expect(readings).toContainEqual({ text: 'kim jong un', minScore: 0.95 });
    expect(hanReadings('김정은')).toContainEqual({ text: 'kim jong un', minScore: 0.95 });
  });

  const screener = new Screener([list], { readings: hanReadings });
  const best = (name: string) => screener.screen(name)[0];

  it('finds a Latin-listed Chinese name from characters, by pinyin', () => {
    expect(best('李方伟')).toMatchObject({ id: 'L-1', score: 1 });
    expect(best('欧阳修')).toMatchObject({ id: 'L-4', score: 1 });
  });

  it('finds a character-listed name from pinyin (the list side is read at load time)', () => {
    expect(best('Wuhan Hengtong Dixia Qianzhuang')).toMatchObject({ id: 'L-3', matchedKind: 'reading', score: 1 });
    expect(best('武汉恒通地下钱庄')).toMatchObject({ id: 'L-3', matchedKind: 'primary', score: 1 });
  });

  it('matches original script as the list writes it: 金正恩 and Arabic', () => {
    expect(best('金正恩')).toMatchObject({ id: 'L-2', matchedName: '金正恩', score: 1 });
    expect(best('金 正恩')).toMatchObject({ id: 'L-2', score: 1 });
    expect(best('KIM JONG-UN')).toMatchObject({ id: 'L-2', score: 1 });
    expect(best('صدام حسين التكريتي')).toMatchObject({ id: 'L-5', score: 1 });
  });

  it('does not turn unrelated Chinese names into alerts', () => {
    expect(screener.screen('王小明')).toEqual([]);
    expect(screener.screen('武汉长江纺织有限公司')).toEqual([]);
  });

  it('without readings the screener is as before (characters match characters only)', () => {
    const plain = new Screener([list]);
    expect(plain.screen('李方伟')).toEqual([]);
    expect(plain.screen('金正恩')[0]).toMatchObject({ id: 'L-2' });
  });
});

describe('the shipped demo list', () => {
  it('catches Kim Jong Un written in characters and in Latin letters', async () => {
    const { demoScreener } = await import('./sanctions-sources');
    const screener = demoScreener();
    expect(screener.screen('金正恩')[0]).toMatchObject({ id: 'OFAC-20157', score: 1 });
    expect(screener.screen('KIM JONG-UN')[0]).toMatchObject({ id: 'OFAC-20157', score: 1 });
    expect(screener.screen('Wuhan Hengtong Dixia Qianzhuang')[0]).toMatchObject({ id: 'L-0001' });
  });
});
