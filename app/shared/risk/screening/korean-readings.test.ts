import { describe, expect, it } from 'vitest';
import { koreanNameReadings } from './korean-readings';
import { HANJA_READING } from './hanja-korean-table';
import { initialSoundRule, romaniseSyllable, surnameSpelling } from './korean-romanise';

describe('Korean readings of names in Han characters', () => {
  it('romanises a syllable as the North (lists), McCune-Reischauer and the South spell it', () => {
    expect(['정', '은', '최', '룡', '택', '철'].map((s) => romaniseSyllable(s, 'dprk'))).toEqual(['jong', 'un', 'choe', 'ryong', 'thaek', 'chol']);
    expect(['정', '조', '신'].map((s) => romaniseSyllable(s, 'mr'))).toEqual(['chong', 'cho', 'shin']);
    expect(['정', '은', '박', '경'].map((s) => romaniseSyllable(s, 'rr'))).toEqual(['jeong', 'eun', 'bak', 'gyeong']);
  });

  it('applies the South’s initial-sound rule to surnames only, and its conventional spellings', () => {
    expect(['리', '류', '로', '녀', '림'].map(initialSoundRule)).toEqual(['이', '유', '노', '여', '임']);
    expect(surnameSpelling(['리'], 'dprk')).toBe('ri');
    expect(surnameSpelling(['리'], 'rr')).toBe('lee');
    expect(surnameSpelling(['박'], 'rr')).toBe('park');
    expect(surnameSpelling(['남', '궁'], 'rr')).toBe('namgung');
  });

  it('reads the characters the Korean way, simplified or traditional', () => {
    expect(['金', '正', '恩', '鄭', '郑', '趙', '赵', '李', '龍', '龙'].map((c) => HANJA_READING.get(c))).toEqual(['김', '정', '은', '정', '정', '조', '조', '리', '룡', '룡']);
  });

  it('gives a person’s name each system spaced and joined: 金正恩 -> kim jong un', () => {
    expect(koreanNameReadings('金正恩')).toEqual(['kim jong un', 'kim jongun', 'kim chong un', 'kim chongun', 'kim jeong eun', 'kim jeongeun']);
    expect(koreanNameReadings('김정은')).toEqual(koreanNameReadings('金正恩'));
    expect(koreanNameReadings('金 正恩')).toEqual(koreanNameReadings('金正恩'));
    expect(koreanNameReadings('李成哲')).toContain('ri song chol');
    expect(koreanNameReadings('李成哲')).toContain('lee seong cheol');
    expect(koreanNameReadings('南宫民')).toContain('namgung min');
  });

  it('gives nothing for what cannot be a Korean person’s name', () => {
    expect(koreanNameReadings('武汉恒通地下钱庄')).toEqual([]); // a company, too long
    expect(koreanNameReadings('欧阳修')).toEqual([]); // 欧阳 is no Korean surname
    expect(koreanNameReadings('金')).toEqual([]);
    expect(koreanNameReadings('金鑫鑫')).toEqual([]); // 鑫 has no reading in the table
    expect(koreanNameReadings('KIM Jong Un')).toEqual([]);
  });
});
