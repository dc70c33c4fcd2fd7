import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NameTable } from './name-table';
import { jaroWinkler } from '../text/jaro-winkler';
import { nameSimilarity, normaliseName } from './similarity';

describe('counterparty names', () => {
  it('normalises case, punctuation, & and legal forms, in English and Chinese', () => {
    expect(normaliseName('Wuhan Iron & Steel Co., Ltd.')).toBe('WUHAN IRON STEEL');
    expect(normaliseName('WUHAN IRON AND STEEL')).toBe('WUHAN IRON STEEL');
    expect(normaliseName('武汉钢铁有限公司')).toBe('武汉钢铁');
    expect(normaliseName('武汉钢铁股份有限公司')).toBe('武汉钢铁');
    expect(normaliseName('ＡＣＭＥ　Ｔｒａｄｉｎｇ')).toBe('ACME TRADING'); // full-width, NFKC
    expect(normaliseName(null)).toBe('');
  });

  it('Jaro-Winkler: the textbook values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
  });

  it('compares word by word, so a shared city is not enough', () => {
    expect(nameSimilarity('HANKOU GUANGGU STEEL', 'HANKOU FUXING TEXTILE')).toBeLessThan(0.85);
    expect(nameSimilarity('WUHAN CHANGJIANG STEEL', 'WUHAN CHANGJAING STEEL')).toBeGreaterThan(0.95);
    expect(nameSimilarity('', 'X')).toBeNull();
  });

  it('NameTable gives the same similarities as nameSimilarity, by interned id', () => {
    const table = new NameTable();
    const raw = ['Wuhan Changjiang Steel Co Ltd', 'WUHAN CHANGJAING STEEL', 'Hankou Fuxing Textile', '武汉长江物流有限公司', '武汉长江物流', '武汉东方物流'];
    const ids = raw.map((r) => table.idOf(r));
    expect(table.idOf('Wuhan Changjiang Steel Co Ltd')).toBe(ids[0]);
    expect(ids[3]).toBe(ids[4]); // same company once the legal form is dropped
    for (let i = 0; i < raw.length; i += 1) {
      for (let j = 0; j < raw.length; j += 1) {
        expect(table.similarity(ids[i] as number, ids[j] as number)).toBeCloseTo(nameSimilarity(normaliseName(raw[i] ?? ''), normaliseName(raw[j] ?? '')) ?? -1, 10);
      }
    }
    expect(table.idOf(null)).toBe(0);
  });

  it('similarityAtLeast: the exact similarity when it reaches the floor, else something below it', () => {
    const table = new NameTable();
    const raw = ['Wuhan Changjiang Steel', 'WUHAN CHANGJAING STEEL', 'Wuhan Changjiang Textile', 'Hankou Fuxing Textile', 'Hankou Fuxing', 'Steel', 'Wuhan Steel Changjiang'];
    const ids = raw.map((r) => table.idOf(r));
    let below = 0;
    for (const a of ids) {
      for (const b of ids) {
        const exact = table.similarity(a, b) as number;
        for (const floor of [0, 0.5, 0.85, 0.95, 1]) {
          const bounded = table.similarityAtLeast(a, b, floor) as number;
          if (exact >= floor) expect(bounded).toBe(exact);
          else {
            expect(bounded).toBeLessThan(floor);
            below += 1;
          }
        }
      }
    }
    expect(below).toBeGreaterThan(0);
    expect(table.similarityAtLeast(0, ids[0] as number, 0.85)).toBeNull();
    expect(table.similarity(0, ids[0] as number)).toBeNull();
  });

  it('NameTable agrees with nameSimilarity on names in any mix of scripts, one word or several', () => {
    // Latin, Chinese and digit words: a Chinese name against a Latin one shares no character
    // (the table answers 0 without comparing), one-word names go through the word cache.
    const word = fc.oneof(
      fc.stringMatching(/^[A-Z]{1,8}$/),
      fc.constantFrom('WUHAN', 'WUHAM', 'HANKOU', 'STEEL', 'STEL', '武汉', '长江', '物流', '钢铁', '2026', 'A1'),
      fc.stringMatching(/^[\u6b66\u6c49\u957f\u6c5f\u7269\u6d41]{1,4}$/),
    );
    const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
    const table = new NameTable();
    fc.assert(
      fc.property(name, name, (a, b) => {
        const na = normaliseName(a);
        const nb = normaliseName(b);
        const expected = nameSimilarity(na, nb);
        const [ia, ib] = [table.idOf(a), table.idOf(b)];
        expect(table.similarity(ia, ib)).toBe(expected);
        for (const floor of [0, 0.85]) {
          const bounded = table.similarityAtLeast(ia, ib, floor);
          if (expected === null) expect(bounded).toBeNull();
          else if (expected >= floor) expect(bounded).toBe(expected);
          else expect(bounded as number).toBeLessThan(floor);
        }
      }),
      { numRuns: 2000, seed: 20261126 },
    );
  });
});
