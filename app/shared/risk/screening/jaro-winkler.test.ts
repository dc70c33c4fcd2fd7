import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from '../../text/jaro-winkler';
import { deletionKeys, skeletonKey, tokenSimilarity, withinOneEdit } from './token-similarity';

describe('Jaro-Winkler', () => {
  // Reference values from Winkler (1990) and the usual textbook examples.
  it('matches the published examples', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });

  it('is 1 for equal words, 0 for nothing in common, and symmetric', () => {
    expect(jaroWinkler('hassan', 'hassan')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('marzook', 'marzuk')).toBeCloseTo(jaroWinkler('marzuk', 'marzook'), 12);
  });

  it('handles words longer than its scratch buffers', () => {
    const long = 'a'.repeat(100) + 'b';
    expect(jaroWinkler(long, long.replace('b', 'c'))).toBeGreaterThan(0.98);
  });
});

describe('word similarity', () => {
  it('matches short words only exactly', () => {
    expect(tokenSimilarity('ali', 'ali')).toBe(1);
    expect(tokenSimilarity('ali', 'aly')).toBe(0);
    expect(tokenSimilarity('li', 'lin')).toBe(0);
  });

  it('scores a one-letter typo in a long word at least 0.9, even at the start', () => {
    // Plain Jaro-Winkler: "eopez"/"lopez" = 0.8667; the one-edit floor lifts it.
    expect(jaroWinkler('eopez', 'lopez')).toBeCloseTo(0.8667, 4);
    expect(tokenSimilarity('eopez', 'lopez')).toBe(0.9);
    expect(tokenSimilarity('hassan', 'hasan')).toBeGreaterThan(0.95);
  });

  it('gives nothing below the cut-off', () => {
    expect(tokenSimilarity('smith', 'schmidt')).toBe(0); // JW 0.819
    expect(tokenSimilarity('martin', 'martinez')).toBeGreaterThan(0.9);
  });

  it('recognises one edit of each kind', () => {
    expect(withinOneEdit('hassan', 'hasan')).toBe(true);
    expect(withinOneEdit('hasan', 'hassan')).toBe(true);
    expect(withinOneEdit('hassan', 'hassam')).toBe(true);
    expect(withinOneEdit('hassan', 'hsasan')).toBe(true);
    expect(withinOneEdit('hassan', 'hsasam')).toBe(false);
    expect(withinOneEdit('hassan', 'has')).toBe(false);
  });

  it('files words under their deletions and consonant skeleton', () => {
    expect(deletionKeys('abcd')).toEqual(['bcd', 'acd', 'abd', 'abc']);
    expect(skeletonKey('muhammad')).toBe('#mhmd');
    expect(skeletonKey('mohammed')).toBe('#mhmd');
    expect(skeletonKey('ali')).toBeNull();
  });
});
