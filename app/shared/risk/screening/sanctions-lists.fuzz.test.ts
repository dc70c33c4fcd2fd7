import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseLocalList } from './local-list';
import { parseOfacSdn } from './ofac-sdn-csv';
import type { ListParseResult } from './sanctions-list';

/**
 * Hostile input for the sanctions list readers: a list file of any content
 * is read or refused as a value ({ ok: false, error: { code, message } }); the readers never
 * throw, so a broken list cannot take screening down half-loaded.
 */
const LOCAL_JSON = JSON.stringify({ title: 'Watch list', entries: [{ id: 'L-1', name: 'Zhang San', type: 'individual', aliases: ['Z. San'], programs: ['PBOC'], remarks: null }] });
const LOCAL_CSV = 'id,name,type,aliases,programs,remarks\nL-1,Zhang San,individual,Z. San|San Z.,PBOC,\nL-2,"Acme, Ltd",entity,,,"note ""x"""\n';
const SDN = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n';
const ALT = '36,12,"aka","AERO-CARIBBEAN",-0- \n';
const ADD = '36,25,-0- ,"Havana","Cuba",-0- \n';

const JUNK = ['"', '""', ',', '\n', '\r\n', '\u0000', '\uFEFF', '😀', '-0-', '{', '}', '[', ']', ':', 'null', '__proto__', '"__proto__":{}', '|', '\\'];
const junk = fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 6 }));

function splice(text: string, at: number, insert: string, cut: number): string {
  const i = at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(i + cut);
}

function expectResult(run: () => ListParseResult): void {
  let result: ListParseResult;
  try {
    result = run();
  } catch (error) {
    throw new Error(`a list reader threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
  }
  if (result.ok) {
    for (const entry of result.list.entries) expect(entry.name.length).toBeGreaterThan(0);
  } else {
    expect(result.error.code.length).toBeGreaterThan(0);
    expect(result.error.message.length).toBeGreaterThan(5);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('sanctions list readers under hostile input', () => {
  it('the valid seeds read', () => {
    expect(parseLocalList(LOCAL_JSON).ok).toBe(true);
    expect(parseLocalList(LOCAL_CSV).ok).toBe(true);
    expect(parseOfacSdn({ sdn: SDN, alt: ALT, add: ADD }).ok).toBe(true);
  });

  it('local list: any text, any JSON, and valid files spliced with junk', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.json({ maxDepth: 3 }),
          fc.tuple(fc.constantFrom(LOCAL_JSON, LOCAL_CSV), fc.nat(), junk, fc.nat(5)).map(([text, at, insert, cut]) => splice(text, at, insert, cut)),
        ),
        (text) => expectResult(() => parseLocalList(text)),
      ),
      { numRuns: 1500 },
    );
  });

  it('OFAC SDN CSV: any text or bytes, and valid files spliced with junk', () => {
    const bytes = fc.uint8Array({ maxLength: 200 });
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.tuple(fc.constantFrom(SDN, ALT, ADD), fc.nat(), junk, fc.nat(5)).map(([t, at, insert, cut]) => splice(t, at, insert, cut)));
    fc.assert(
      fc.property(fc.oneof(text, bytes), fc.option(fc.oneof(text, bytes), { nil: undefined }), fc.option(fc.oneof(text, bytes), { nil: undefined }), (sdn, alt, add) =>
        expectResult(() => parseOfacSdn({ sdn, ...(alt === undefined ? {} : { alt }), ...(add === undefined ? {} : { add }) })),
      ),
      { numRuns: 1500 },
    );
  });

  it('prototype keys in a local list are refused or kept as data, never merged into objects', () => {
    expectResult(() => parseLocalList('{"__proto__":{"polluted":true},"title":"x","entries":[]}'));
    expectResult(() => parseLocalList('[{"id":"__proto__","name":"constructor","__proto__":{"polluted":true}}]'));
    expectResult(() => parseLocalList('id,name\n__proto__,constructor\n'));
  });
});
