import { describe, expect, it } from 'vitest';
import { MISSING_WORD_PENALTY } from './name-score';
import type { SanctionsEntry, SanctionsList } from './sanctions-list';
import { Screener } from './screener';

function entry(id: string, name: string, aliases: string[] = [], type: SanctionsEntry['type'] = 'individual'): SanctionsEntry {
  return { list: 'local', id, type, name, aliases: aliases.map((a) => ({ name: a, kind: 'aka' })), programs: [], addresses: [], reference: null, remarks: null };
}

const local: SanctionsList = {
  list: 'local',
  title: 'test list',
  entries: [
    entry('1', 'MARZOOK, Mousa Mohammed Abu'),
    entry('2', 'CRUZ, Juan M. de la'),
    entry('3', 'GOLDEN CRESCENT TRADING CO., LTD.', [], 'entity'),
    entry('4', 'PETROV, Ivan', ['PETROFF, Iwan']),
  ],
};

// Small lists weigh every word 1 (no word frequencies below 50 names), so scores can be worked out:
// score = queryCoverage * (1 - 0.3 * (1 - entryCoverage)).
describe('Screener on a small list', () => {
  const screener = new Screener([local]);

  it('finds an exact name in any order, case and punctuation with score 1', () => {
    for (const query of ['Mousa Mohammed Abu Marzook', 'marzook mousa abu mohammed', 'ABU-MARZOOK; Mousa. Mohammed']) {
      const [best] = screener.screen(query);
      expect(best).toMatchObject({ list: 'local', id: '1', name: 'MARZOOK, Mousa Mohammed Abu' });
      expect(best?.score).toBeCloseTo(1, 10);
    }
  });

  it('scores a dropped middle name by the missing word', () => {
    // Query words all found (coverage 1); the entry's 4 words: 3 found -> 0.75 -> 1 - 0.3 * 0.25 = 0.925.
    expect(MISSING_WORD_PENALTY).toBe(0.3);
    const [best] = screener.screen('Mousa Abu Marzook');
    expect(best?.score).toBeCloseTo(0.925, 10);
    expect(best?.tokens.map((t) => [t.query, t.listed, t.similarity])).toEqual([
      ['mousa', 'mousa', 1],
      ['abu', 'abu', 1],
      ['marzook', 'marzook', 1],
    ]);
  });

  it('counts a typo for its similarity and says which words matched', () => {
    const [best] = screener.screen('Mousa Abu Marzok');
    expect(best?.id).toBe('1');
    const typo = best?.tokens.find((t) => t.query === 'marzok');
    expect(typo?.listed).toBe('marzook');
    // JW(marzok, marzook) = 0.9714; query coverage (1 + 1 + 0.9714) / 3, entry (same sum) / 4.
    const sum = 2 + (typo?.similarity ?? 0);
    expect(best?.score).toBeCloseTo((sum / 3) * (1 - 0.3 * (1 - sum / 4)), 10);
  });

  it('matches aliases, and reports the entry under its primary name', () => {
    const [best] = screener.screen('Iwan Petroff');
    expect(best).toMatchObject({ id: '4', name: 'PETROV, Ivan', matchedName: 'PETROFF, Iwan', matchedKind: 'aka' });
    expect(best?.score).toBe(1);
  });

  it('punishes unexplained query words far more than missing listed words', () => {
    const results = screener.screen('Juan Carlos Fernandez Cruz', { threshold: 0 });
    const cruz = results.find((m) => m.id === '2');
    // Query 4 words of weight 1, 2 found -> 0.5. Entry "cruz juan m de la": cruz, juan weigh 1, the
    // initial and the particles 0.15 each -> 2 / 2.45 found.
    expect(cruz?.score).toBeCloseTo(0.5 * (1 - 0.3 * (1 - 2 / 2.45)), 10);
    expect(screener.screen('Juan Carlos Fernandez Cruz')).toEqual([]);
  });

  it('returns only matches at or above the threshold, best first, at most limit', () => {
    const all = screener.screen('Golden Crescent Trading', { threshold: 0 });
    expect(all[0]?.id).toBe('3');
    expect(screener.screen('Golden Crescent Trading', { threshold: 0.99 })).toEqual([]);
    expect(screener.screen('Ivan Petrov Mousa Marzook', { threshold: 0, limit: 1 }).length).toBe(1);
    expect(() => screener.screen('x', { threshold: 1.5 })).toThrow(RangeError);
  });

  it('finds nothing for an empty or punctuation-only query, and copes with a huge one', () => {
    expect(screener.screen('')).toEqual([]);
    expect(screener.screen(' ,.- ')).toEqual([]);
    expect(screener.screen(`Ivan Petrov ${'x '.repeat(1_000_000)}`, { threshold: 0 })[0]?.id).toBe('4');
  });
});

describe('Screener list replacement', () => {
  it('swaps lists whole: a screening sees the old set or the new, never a mix', () => {
    const screener = new Screener([local]);
    expect(screener.info.version).toBe(1);
    expect(screener.screen('Zhang San')).toEqual([]);
    screener.replaceList({ list: 'local', title: 'v2', entries: [entry('9', 'ZHANG, San')] });
    expect(screener.info.version).toBe(2);
    expect(screener.screen('Zhang San')[0]?.id).toBe('9');
    expect(screener.screen('Ivan Petrov')).toEqual([]);
    expect(screener.info.lists).toEqual([{ list: 'local', title: 'v2', entries: 1, names: 1 }]);
  });

  it('keeps the old lists when the new ones cannot be loaded', () => {
    const screener = new Screener([local]);
    expect(() => screener.replaceLists([local, local])).toThrow(/given twice/);
    expect(screener.screen('Ivan Petrov')[0]?.id).toBe('4');
    expect(screener.info.version).toBe(1);
  });
});
