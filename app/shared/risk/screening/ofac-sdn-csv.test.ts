import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOfacSdn } from './ofac-sdn-csv';

const ofacDir = path.resolve(process.cwd(), '../shared/fixtures/sanctions/ofac-2019');

describe('OFAC SDN CSV (small inputs)', () => {
  const sdn = [
    '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
    '587,"CRUZ, Juan M. de la","individual","SDGT] [SDT","Director",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Director."',
  ].join('\r\n');

  it('reads entries, types, programs, aliases and addresses', () => {
    const result = parseOfacSdn({
      sdn,
      alt: '36,12,"aka","AERO-CARIBBEAN",-0- \r\n587,13,"fka","CRUZ, Juanito",-0- ',
      add: '36,25,-0- ,"Havana","Cuba",-0- \r\n36,26,-0- ,-0- ,-0- ,-0- ',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [airline, person] = result.list.entries;
    expect(airline).toMatchObject({ list: 'ofac', id: '36', type: 'entity', name: 'AEROCARIBBEAN AIRLINES', programs: ['CUBA'], remarks: null });
    expect(airline?.aliases).toEqual([{ name: 'AERO-CARIBBEAN', kind: 'aka' }]);
    expect(airline?.addresses).toEqual([{ text: 'Havana, Cuba', country: 'Cuba' }]);
    expect(person).toMatchObject({ id: '587', type: 'individual', programs: ['SDGT', 'SDT'], remarks: 'Director.' });
    expect(person?.aliases).toEqual([{ name: 'CRUZ, Juanito', kind: 'fka' }]);
  });

  it('decodes Latin-1 bytes', () => {
    const bytes = Uint8Array.from(Buffer.from('1,"MU\xd1OZ, Jos\xe9","individual","X",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ', 'latin1'));
    const result = parseOfacSdn({ sdn: bytes });
    expect(result.ok && result.list.entries[0]?.name).toBe('MUÑOZ, José');
  });

  it('refuses a record with the wrong number of columns, and warns on aliases of unknown entries', () => {
    const bad = parseOfacSdn({ sdn: '1,"X",-0- ' });
    expect(bad).toEqual({ ok: false, error: { code: 'bad_csv', message: 'sdn.csv record 1 has 3 columns, expected 12' } });
    const orphan = parseOfacSdn({ sdn, alt: '999,1,"aka","NOBODY",-0- ' });
    expect(orphan.ok && orphan.warnings).toEqual(['alt.csv: alias "NOBODY" refers to unknown ent_num 999']);
  });

  it('refuses a repeated ent_num and an empty file', () => {
    expect(parseOfacSdn({ sdn: `${sdn}\r\n${sdn}` })).toMatchObject({ ok: false, error: { code: 'bad_record' } });
    expect(parseOfacSdn({ sdn: '' })).toMatchObject({ ok: false, error: { code: 'empty_list' } });
  });
});

describe.skipIf(!existsSync(ofacDir))('OFAC SDN CSV (the 2019 files in ../shared/fixtures)', () => {
  const read = (f: string) => readFileSync(path.join(ofacDir, f));
  const result = existsSync(ofacDir) ? parseOfacSdn({ sdn: read('sdn.csv'), alt: read('alt.csv'), add: read('add.csv') }) : null;

  // Counts worked out independently with Python's csv module on the same files.
  it('holds 7,379 entries, 9,682 aliases and 9,474 non-empty addresses', () => {
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    const entries = result.list.entries;
    expect(entries.length).toBe(7379);
    expect(entries.filter((e) => e.type === 'individual').length).toBe(3845);
    expect(entries.filter((e) => e.type === 'entity').length).toBe(2994);
    expect(entries.filter((e) => e.type === 'vessel').length).toBe(323);
    expect(entries.filter((e) => e.type === 'aircraft').length).toBe(217);
    expect(entries.reduce((n, e) => n + e.aliases.length, 0)).toBe(9682);
    expect(entries.reduce((n, e) => n + e.addresses.length, 0)).toBe(9474);
    expect(result.warnings).toEqual([]);
  });

  it('reads Banco Nacional de Cuba (306) and Usama bin Ladin (6365) as published', () => {
    if (!result?.ok) return;
    const bnc = result.list.entries.find((e) => e.id === '306');
    expect(bnc).toMatchObject({ name: 'BANCO NACIONAL DE CUBA', type: 'entity', programs: ['CUBA'], remarks: "a.k.a. 'BNC'." });
    expect(bnc?.aliases).toEqual([{ name: 'NATIONAL BANK OF CUBA', kind: 'aka' }]);
    expect(bnc?.addresses.map((a) => a.country)).toEqual(['Switzerland', 'Spain', 'Japan', 'Panama']);
    expect(bnc?.addresses[0]?.text).toBe('Zweierstrasse 35, Zurich CH-8022, Switzerland');
    const ubl = result.list.entries.find((e) => e.id === '6365');
    expect(ubl).toMatchObject({ name: 'BIN LADIN, Usama bin Muhammad bin Awad', type: 'individual', programs: ['SDGT', 'SDT'] });
    expect(ubl?.aliases.map((a) => a.name)).toContain('BIN LADEN, Osama');
  });
});
