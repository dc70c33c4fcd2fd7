import { describe, expect, it } from 'vitest';
import { foldText, nameTokens, nameVariants, normaliseName } from './normalise-name';

describe('name normalisation', () => {
  it('lower-cases and folds diacritics', () => {
    expect(foldText('José MÜLLER Ærø')).toBe('jose muller aero');
    expect(normaliseName('Forces Démocratiques Alliées')).toBe('forces democratiques alliees');
    expect(normaliseName('STRAßE')).toBe('strasse');
  });

  it('splits on punctuation and joins apostrophes and dots inside words', () => {
    expect(nameTokens('CRUZ, Juan M. de la')).toEqual(['cruz', 'juan', 'm', 'de', 'la']);
    expect(nameTokens("O'BRIEN, Sean")).toEqual(['obrien', 'sean']);
    expect(nameTokens('CECOEX, S.A.')).toEqual(['cecoex', 'sa']);
    expect(nameTokens('AL-QAIDA (The Base)')).toEqual(['al', 'qaida', 'the', 'base']);
    expect(nameTokens("SAB'AWI   Ibrahim／Hassan")).toEqual(['sabawi', 'ibrahim', 'hassan']);
  });

  it('drops honorifics but keeps a name made only of one', () => {
    expect(nameTokens('Sheikh Mullah Omar')).toEqual(['omar']);
    expect(nameTokens('Dr. Zhang Wei')).toEqual(['zhang', 'wei']);
    expect(nameTokens('Mr')).toEqual(['mr']);
  });

  it('keeps other scripts as words', () => {
    expect(nameTokens('张伟 Zhang')).toEqual(['张伟', 'zhang']);
    expect(nameTokens('张 伟')).toEqual(['张伟']);
    expect(nameTokens('奥萨马·本·拉登')).toEqual(['奥萨马本拉登']);
    expect(nameTokens('القاعدة')).toEqual(['القاعدة']);
  });

  it('indexes a hyphenated name also joined up', () => {
    expect(nameVariants('AL-QAIDA')).toEqual([['al', 'qaida'], ['alqaida']]);
    expect(nameVariants('BANCO NACIONAL DE CUBA')).toEqual([['banco', 'nacional', 'de', 'cuba']]);
  });
});
