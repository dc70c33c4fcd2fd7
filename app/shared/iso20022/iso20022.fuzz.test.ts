import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Iso20022Error, type Iso20022ErrorCode } from './errors';
import { MAX_XML_DEPTH } from './limits';
import { readIso20022, tryReadIso20022 } from './read';
import type { PaymentMessage, StatementMessage } from './types';
import { writeCamt053 } from './write-camt053';
import { writePacs002, writePacs008 } from './write-pacs';

/**
 * Hostile input for the ISO 20022 reader: any text, and valid messages cut,
 * spliced and corrupted, is either read whole or refused with an Iso20022Error that has a
 * code, an English and a Chinese message. Never a TypeError, RangeError or library error.
 */
const CODES: readonly Iso20022ErrorCode[] = [
  'too_large', 'doctype_refused', 'too_deep', 'truncated', 'malformed', 'no_document',
  'unknown_namespace', 'unsupported_version', 'missing_field', 'invalid_value',
];

const party = (name: string | null, account: string | null, bic: string | null = null) => ({ name, account, bic });
const header = { creationDateTime: '2026-11-26T09:30:00+08:00', settlementDate: '2026-11-26' };

const pacs008: PaymentMessage = {
  type: 'pacs.008', version: '001.08', messageId: 'HK20261126000001',
  transactions: [
    {
      endToEndId: 'E2E-1', uetr: '0f8e1c9a-9f3a-4b3a-8f5a-2f0a1c2b3d4e', amount: '1234567.89', currency: 'CNY',
      debtor: party('湖北 <建设> & "工程" 公司', '420101000012345'), creditor: party('ACME Ltd', 'GB33BUKB20201555555555'),
      debtorAgent: '102521000011', creditorAgent: 'ICBKCNBJWHN', remittance: '货款 INV-7 & 8',
    },
  ],
};
const pacs002: PaymentMessage = {
  type: 'pacs.002', version: '001.10', messageId: 'ST-1',
  transactions: [
    { endToEndId: 'E2E-2', uetr: 'u-2', amount: '99.90', currency: 'CNY', debtor: party('张三', '6222000011112222'), creditor: party('李四', null), debtorAgent: '102521000011', creditorAgent: '103521000019', remittance: 'rent', status: 'RJCT', reasonCode: 'AC04' },
  ],
};
const camt053: StatementMessage = {
  type: 'camt.053', version: '001.08',
  statements: [
    {
      account: '420101000012345',
      openingBalance: { amount: '1000.00', currency: 'CNY', creditDebit: 'CRDT', date: '2026-11-26' },
      closingBalance: { amount: '850.50', currency: 'CNY', creditDebit: 'CRDT', date: '2026-11-26' },
      entries: [
        { amount: '200.00', currency: 'CNY', creditDebit: 'CRDT', bookingDate: '2026-11-26', valueDate: '2026-11-26', reference: 'HK-1', endToEndId: 'E2E-1', counterparty: '武汉钢铁', remittance: 'INV 9' },
        { amount: '349.50', currency: 'CNY', creditDebit: 'DBIT', bookingDate: '2026-11-26', valueDate: null, reference: null, endToEndId: null, counterparty: 'Supplier & Co', remittance: null },
      ],
    },
  ],
};

const VALID = [
  writePacs008(pacs008, header),
  writePacs002(pacs002, header),
  writeCamt053(camt053, { messageId: 'EOD-20261126', creationDateTime: header.creationDateTime }),
];

/** Pieces a hostile or broken file is made of. */
const JUNK = [
  '<', '>', '&', '&amp;', '&lt', '&#0;', '&#x110000;', '&#xD800;', '&#65;', '&xxe;', '&lol9;', '<!--', '-->', ']]>', '<![CDATA[', '"', "'",
  '</a>', '<a>', '<a/>', '<!DOCTYPE d [<!ENTITY x "y">]>', '<!ENTITY x SYSTEM "file:///etc/passwd">', '<?xml version="1.0"?>',
  'xmlns:p="x"', '<p:q>', '<__proto__/>', '<constructor>', ' __proto__="1"', '<toString/>', '\u0000', '\uFFFE', '\uD800', '😀',
  '1e308', 'NaN', '-0', '-0.00', '99999999999999999999999', '1.000001', ' ', '\n', '<Amt Ccy="CNY">', '</Amt>', '<Amt>',
  '<Ntry>', '</Ntry>', '<CdtDbtInd>XXXX</CdtDbtInd>', '<Dt>2026-02-30</Dt>', 'Ccy="__proto__"', 'Ccy=""',
];
const junk = fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 }));

/** One structured mutation of a valid message. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: junk }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('value' as const), which: fc.nat(), text: junk }),
);

function apply(xml: string, m: Mutation): string {
  const at = 'at' in m ? m.at % (xml.length + 1) : 0;
  switch (m.kind) {
    case 'truncate':
      return xml.slice(0, at);
    case 'insert':
      return xml.slice(0, at) + m.text + xml.slice(at);
    case 'delete':
      return xml.slice(0, at) + xml.slice(at + m.length);
    case 'duplicate':
      return xml.slice(0, at + m.length) + xml.slice(at, at + m.length) + xml.slice(at + m.length);
    case 'value': {
      // Replace the text of the n-th element that holds text: amounts, dates, codes, ids.
      const values = [...xml.matchAll(/>([^<>]+)</g)];
      const target = values[m.which % Math.max(values.length, 1)];
      if (!target || target.index === undefined) return xml;
      return `${xml.slice(0, target.index + 1)}${m.text}${xml.slice(target.index + 1 + (target[1] ?? '').length)}`;
    }
  }
}
type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'value'; which: number; text: string };

/** Read or refuse; anything thrown that is not an Iso20022Error fails the property. */
function readOrRefuse(xml: string): void {
  let result: ReturnType<typeof tryReadIso20022>;
  try {
    result = tryReadIso20022(xml);
  } catch (error) {
    throw new Error(`tryReadIso20022 threw ${(error as Error)?.name}: ${(error as Error)?.message}\ninput: ${JSON.stringify(xml.slice(0, 400))}`);
  }
  if (result.ok) {
    expect(['camt.053', 'camt.054', 'pacs.008', 'pacs.002', 'pacs.004', 'pacs.009']).toContain(result.message.type);
    // What was read reads the same again: no state leaks between reads.
    expect(readIso20022(xml)).toEqual(result.message);
  } else {
    expect(CODES).toContain(result.code);
    expect(result.message.length).toBeGreaterThan(5);
    expect(result.messageZh.length).toBeGreaterThan(result.message.length > 0 ? 3 : 0);
    expect(() => readIso20022(xml)).toThrow(Iso20022Error);
  }
}

describe('ISO 20022 reader under hostile input', () => {
  it('the valid seeds read', () => {
    for (const xml of VALID) expect(tryReadIso20022(xml).ok).toBe(true);
  });

  it('arbitrary text and arbitrary XML-ish text: read or a coded refusal, never a crash', () => {
    const xmlish = fc.array(fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 5 })), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), xmlish), readOrRefuse), {
      numRuns: 1500,
    });
  });

  it('valid messages truncated, spliced with junk, cut, duplicated or with a corrupted value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID), fc.array(mutation, { minLength: 1, maxLength: 3 }), (xml, mutations) => {
        readOrRefuse(mutations.reduce<string>((text, m) => apply(text, m), xml));
      }),
      { numRuns: 1500 },
    );
  });

  it('any DOCTYPE or ENTITY declaration is refused, wherever and however it is written', () => {
    const declaration = fc.constantFrom(
      '<!DOCTYPE d>', '<!doctype d>', '<!DocType d [ ]>', '<!DOCTYPE d SYSTEM "http://evil.example/x.dtd">',
      '<!DOCTYPE d [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>', '<!ENTITY x "y">', '<!entity x "y">',
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
    );
    fc.assert(
      fc.property(fc.constantFrom(...VALID), declaration, fc.nat(), (xml, decl, at) => {
        const afterProlog = xml.indexOf('?>') + 2;
        const where = [0, afterProlog, afterProlog + (at % Math.max(xml.length - afterProlog, 1))][at % 3] ?? 0;
        const result = tryReadIso20022(xml.slice(0, where) + decl + xml.slice(where));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['doctype_refused']).toContain(result.code);
      }),
      { numRuns: 300 },
    );
  });

  it('undeclared entities are refused, never expanded or passed through', () => {
    for (const name of ['xxe', 'lol9', 'nbsp', 'copy', 'a.b', '__proto__']) {
      const xml = VALID[0]!.replace('>HK20261126000001<', `>A&${name};B<`);
      const result = tryReadIso20022(xml);
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.code).toBe('malformed');
    }
  });

  it('character references are decoded as XML says; references to forbidden characters are refused', () => {
    const withId = (id: string) => tryReadIso20022(VALID[0]!.replace('>HK20261126000001<', `>${id}<`));
    const read = withId('&#72;&#x4B;&#x4e2d;&amp;&lt;&gt;&quot;&apos;');
    expect(read.ok && (read.message as PaymentMessage).messageId).toBe('HK中&<>"\'');
    // In attribute values too: the currency attribute written with a reference.
    const attr = tryReadIso20022(VALID[0]!.replace('Ccy="CNY"', 'Ccy="&#x43;N&#89;"'));
    expect(attr.ok && (attr.message as PaymentMessage).transactions[0]?.currency).toBe('CNY');
    for (const bad of ['&#0;', '&#x0;', '&#xD800;', '&#xFFFE;', '&#x110000;', '&#99999999999999999999;', '&#x;', '&#8;']) {
      const result = withId(`A${bad}`);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.code).toBe('malformed');
    }
  });

  it('names the parser would key objects by (__proto__, constructor, prototype) are refused as malformed', () => {
    for (const xml of ['<__proto__/>', '<constructor/>', '<a __proto__="1"/>', '<p:prototype xmlns:p="u"/>', '<Document xmlns:__proto__="x"/>']) {
      const result = tryReadIso20022(xml);
      expect(result.ok, xml).toBe(false);
      if (!result.ok) expect(result.code).toBe('malformed');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('nesting just past the limit is refused; at the limit it is read as XML', () => {
    const nest = (depth: number) => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;
    const past = tryReadIso20022(nest(MAX_XML_DEPTH + 1));
    expect(!past.ok && past.code).toBe('too_deep');
    const at = tryReadIso20022(nest(MAX_XML_DEPTH));
    expect(!at.ok && at.code).toBe('no_document');
  });

  it('huge and odd amounts in a valid message are refused with invalid_value', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom('1e3', '1E3', 'NaN', 'Infinity', '-0', '-0.00', '-1.00', '0x10', '1,00', '１', ' ', '1.000001', '.5', '5.'),
          fc.integer({ min: 19, max: 400 }).map((n) => '9'.repeat(n)),
          fc.integer({ min: 3, max: 40 }).map((n) => `1.${'3'.repeat(n)}`),
        ),
        (amount) => {
          const xml = VALID[0]!.replace('>1234567.89<', `>${amount}<`);
          const result = tryReadIso20022(xml);
          expect(result.ok, amount).toBe(false);
          if (!result.ok) expect(['invalid_value', 'missing_field']).toContain(result.code);
        },
      ),
      { numRuns: 300 },
    );
  });
});
