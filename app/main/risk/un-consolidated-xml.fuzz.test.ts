import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseUnConsolidatedXml } from './un-consolidated-xml';

/**
 * Hostile input for the UN consolidated list reader: any text, and a valid
 * list spliced with XML junk, is read or refused as a value; a DOCTYPE (entity expansion,
 * external entities) is always refused. Never a throw.
 */
const VALID = `<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>ERIC</FIRST_NAME><SECOND_NAME>BADEGE</SECOND_NAME>
<UN_LIST_TYPE>DRC</UN_LIST_TYPE><REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Eric B.</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_ADDRESS><CITY>Kigali</CITY><COUNTRY>Rwanda</COUNTRY></INDIVIDUAL_ADDRESS></INDIVIDUAL></INDIVIDUALS>
<ENTITIES><ENTITY><DATAID>2</DATAID><FIRST_NAME>ADF &amp; Co</FIRST_NAME><REFERENCE_NUMBER>CDe.001</REFERENCE_NUMBER>
<ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>NALU</ALIAS_NAME></ENTITY_ALIAS></ENTITY></ENTITIES></CONSOLIDATED_LIST>`;

const JUNK = ['<', '>', '&', '&xxe;', '&#0;', '<!--', ']]>', '<![CDATA[', '</INDIVIDUAL>', '<INDIVIDUAL>', '<DATAID/>', '<FIRST_NAME>', '<__proto__/>',
  '<constructor/>', '<INDIVIDUALS/>', '<CONSOLIDATED_LIST>', '"', '\u0000', '😀', `${'<a>'.repeat(200)}`];
const junk = fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 6 }));

function readOrRefuse(xml: string): void {
  let result: ReturnType<typeof parseUnConsolidatedXml>;
  try {
    result = parseUnConsolidatedXml(xml);
  } catch (error) {
    throw new Error(`parseUnConsolidatedXml threw ${(error as Error)?.name}: ${(error as Error)?.message}\ninput: ${JSON.stringify(xml.slice(0, 300))}`);
  }
  if (!result.ok) expect(result.error.message.length).toBeGreaterThan(5);
  else for (const entry of result.list.entries) expect(entry.name.length).toBeGreaterThan(0);
}

describe('UN consolidated list reader under hostile input', () => {
  it('the valid seed reads', () => {
    expect(parseUnConsolidatedXml(VALID).ok).toBe(true);
  });

  it('arbitrary text, and a valid list with junk spliced in, ranges cut or truncated', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.tuple(fc.nat(), junk, fc.nat(30)).map(([at, insert, cut]) => {
            const i = at % (VALID.length + 1);
            return VALID.slice(0, i) + insert + VALID.slice(i + cut);
          }),
          fc.nat(VALID.length).map((at) => VALID.slice(0, at)),
        ),
        readOrRefuse,
      ),
      { numRuns: 1000 },
    );
  });

  it('a DOCTYPE anywhere is refused, however it is written', () => {
    for (const decl of ['<!DOCTYPE x>', '<!doctype x [<!ENTITY a "b">]>', '<!DocType x SYSTEM "file:///etc/passwd">']) {
      const result = parseUnConsolidatedXml(VALID.replace('<CONSOLIDATED_LIST>', `${decl}<CONSOLIDATED_LIST>`));
      expect(!result.ok && result.error.code).toBe('doctype_refused');
    }
  });
});
