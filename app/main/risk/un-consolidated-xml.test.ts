import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUnConsolidatedXml } from './un-consolidated-xml';

const unFile = path.resolve(process.cwd(), '../shared/fixtures/sanctions/un/UN_consolidated.xml');

const small = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST>
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID><FIRST_NAME>ERIC</FIRST_NAME><SECOND_NAME>BADEGE</SECOND_NAME>
      <UN_LIST_TYPE>DRC</UN_LIST_TYPE><REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Eric B.</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Rico</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ADDRESS><CITY>Kigali</CITY><COUNTRY>Rwanda</COUNTRY></INDIVIDUAL_ADDRESS>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>2</DATAID><FIRST_NAME>ADF &amp; Co</FIRST_NAME><REFERENCE_NUMBER>CDe.001</REFERENCE_NUMBER>
      <ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>NALU</ALIAS_NAME></ENTITY_ALIAS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>`;

describe('UN consolidated list XML (small input)', () => {
  it('reads individuals and entities with their aliases', () => {
    const result = parseUnConsolidatedXml(small);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.list.entries).toEqual([
      {
        list: 'un', id: '1', type: 'individual', name: 'ERIC BADEGE', programs: ['DRC'], reference: 'CDi.001', remarks: null,
        aliases: [{ name: 'Eric B.', kind: 'aka' }, { name: 'Rico', kind: 'weak' }],
        addresses: [{ text: 'Kigali, Rwanda', country: 'Rwanda' }],
      },
      {
        list: 'un', id: '2', type: 'entity', name: 'ADF & Co', programs: [], reference: 'CDe.001', remarks: null,
        aliases: [{ name: 'NALU', kind: 'fka' }], addresses: [],
      },
    ]);
  });

  it('refuses a DOCTYPE (entity expansion) and documents that are not the list', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><CONSOLIDATED_LIST/>`;
    expect(parseUnConsolidatedXml(bomb)).toMatchObject({ ok: false, error: { code: 'doctype_refused' } });
    expect(parseUnConsolidatedXml('<other/>')).toMatchObject({ ok: false, error: { code: 'bad_xml' } });
    expect(parseUnConsolidatedXml('<CONSOLIDATED_LIST><INDIVIDUALS></CONSOLIDATED_LIST>')).toMatchObject({ ok: false, error: { code: 'bad_xml' } });
    expect(parseUnConsolidatedXml('<CONSOLIDATED_LIST></CONSOLIDATED_LIST>')).toMatchObject({ ok: false, error: { code: 'empty_list' } });
  });
});

describe.skipIf(!existsSync(unFile))('UN consolidated list XML (the file in ../shared/fixtures)', () => {
  const result = existsSync(unFile) ? parseUnConsolidatedXml(readFileSync(unFile, 'utf8')) : null;

  // Counts worked out independently with Python's ElementTree on the same file.
  it('holds 730 individuals and 273 entities, 2,752 aliases and 378 original-script names', () => {
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    const entries = result.list.entries;
    expect(entries.filter((e) => e.type === 'individual').length).toBe(730);
    expect(entries.filter((e) => e.type === 'entity').length).toBe(273);
    const aliases = entries.flatMap((e) => e.aliases);
    expect(aliases.filter((a) => a.kind !== 'original_script').length).toBe(2752);
    expect(aliases.filter((a) => a.kind === 'original_script').length).toBe(378);
    expect(result.warnings).toEqual([]);
  });

  it('reads real entries as published', () => {
    if (!result?.ok) return;
    const byRef = (ref: string) => result.list.entries.find((e) => e.reference === ref);
    expect(byRef('CDi.001')).toMatchObject({ id: '6907993', name: 'ERIC BADEGE', type: 'individual', programs: ['DRC'] });
    const zidane = byRef('QDi.001');
    expect(zidane).toMatchObject({ id: '113219', name: 'MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE' });
    expect(zidane?.aliases.slice(0, 3)).toEqual([
      { name: 'Sayf-Al Adl', kind: 'aka' },
      { name: 'Muhamad Ibrahim Makkawi', kind: 'aka' },
      { name: 'Ibrahim al-Madani', kind: 'weak' },
    ]);
    expect(zidane?.aliases.at(-1)).toEqual({ name: 'محمد صلاح الدين عبدالحليم زيدان', kind: 'original_script' });
    const adf = byRef('CDe.001');
    expect(adf).toMatchObject({ id: '6908402', name: 'ADF', type: 'entity' });
    expect(adf?.aliases).toContainEqual({ name: 'Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda', kind: 'fka' });
    expect(byRef('QDe.004')?.aliases).toContainEqual({ name: 'Al Qaeda', kind: 'aka' });
  });
});
