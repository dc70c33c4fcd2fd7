import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './csv-records';
import { jaroWinkler } from '../../text/jaro-winkler';
import { nameTokens, normaliseName } from './normalise-name';
import type { SanctionsList } from './sanctions-list';
import { Screener } from './screener';

const field = fc.string({ unit: fc.constantFrom('a', 'B', ' ', ',', '"', '\n', 'é', '-', '0') });
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

describe('screening properties', () => {
  it('CSV: any records written with quoting read back the same', () => {
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 10 }), fc.boolean(), (records, crlf) => {
        const text = records.map((r) => r.map(quote).join(',')).join(crlf ? '\r\n' : '\n');
        expect(readCsvRecords(text)).toEqual({ ok: true, records });
      }),
    );
  });

  it('normalisation is idempotent and ignores case and word separators', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(nameTokens(normaliseName(name))).toEqual(nameTokens(name).length === 0 ? [] : nameTokens(name));
        expect(normaliseName(name.toUpperCase())).toBe(normaliseName(name.toLowerCase()));
      }),
    );
  });

  it('Jaro-Winkler is symmetric and within 0..1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-12);
        expect(jaroWinkler(b, a)).toBeCloseTo(s, 12);
      }),
    );
  });

  it('a listed name, its words in any order, always finds its entry with score 1', () => {
    const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 4, maxLength: 9 });
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 4 }), fc.array(fc.uniqueArray(word, { minLength: 1, maxLength: 4 }), { maxLength: 5 }), (name, others) => {
        const list: SanctionsList = {
          list: 'local',
          title: 't',
          entries: [name, ...others].map((words, i) => ({
            list: 'local', id: String(i), type: 'individual', name: words.join(' '), aliases: [], programs: [], addresses: [], reference: null, remarks: null,
          })),
        };
        const matches = new Screener([list]).screen([...name].reverse().join(', ').toUpperCase(), { threshold: 0.99, limit: 10 });
        expect(matches.map((m) => m.id)).toContain('0');
        expect(matches.find((m) => m.id === '0')?.score).toBeCloseTo(1, 12);
      }),
    );
  });
});
