import { describe, expect, it } from 'vitest';
import { Iso20022Error } from './errors';
import { MAX_XML_CHARS } from './limits';
import { readIso20022, tryReadIso20022 } from './read';
import type { PaymentMessage, StatementMessage } from './types';
import { writeCamt053 } from './write-camt053';
import { writePacs002, writePacs008 } from './write-pacs';

/**
 * A one-entry camt statement in the form each version uses: before 001.08 the entry status is
 * plain text and related parties carry Nm directly; from 001.08 Sts/Cd and Dbtr/Pty/Nm.
 */
function camt(type: '053' | '054', version: number): string {
  const v = String(version).padStart(2, '0');
  const modern = version >= 8;
  const report = type === '053' ? 'Stmt' : 'Ntfctn';
  const root = type === '053' ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn';
  const balances =
    type === '053'
      ? `<Bal><Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">1000.5</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-25</Dt></Dt></Bal>
         <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">1200.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><DtTm>2026-11-26T17:00:00+08:00</DtTm></Dt></Bal>`
      : '';
  return `<?xml version="1.0"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.${type}.001.${v}"><${root}>
 <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-26T17:00:00</CreDtTm></GrpHdr>
 <${report}><Id>S1</Id><Acct><Id><IBAN>CN12345678901234567</IBAN></Id></Acct>${balances}
  <Ntry><NtryRef>NR-1</NtryRef><Amt Ccy="CNY">200.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
   ${modern ? '<Sts><Cd>BOOK</Cd></Sts>' : '<Sts>BOOK</Sts>'}
   <BookgDt><Dt>2026-11-26</Dt></BookgDt><ValDt><DtTm>2026-11-26T10:00:00</DtTm></ValDt>
   <NtryDtls><TxDtls><Refs><EndToEndId>E2E-${v}</EndToEndId></Refs>
    <RltdPties>${modern ? '<Dbtr><Pty><Nm>武汉钢铁有限公司</Nm></Pty></Dbtr>' : '<Dbtr><Nm>武汉钢铁有限公司</Nm></Dbtr>'}</RltdPties>
    <RmtInf><Ustrd>INV 1</Ustrd><Ustrd>INV 2 &amp; 3</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
 </${report}></${root}></Document>`;
}

function refused(xml: string): string {
  const result = tryReadIso20022(xml);
  if (result.ok) throw new Error('expected the input to be refused');
  return result.code;
}

describe('camt versions: the namespace decides', () => {
  for (const type of ['053', '054'] as const) {
    for (let version = 2; version <= 13; version += 1) {
      it(`camt.${type}.001.${String(version).padStart(2, '0')}`, () => {
        const m = readIso20022(camt(type, version)) as StatementMessage;
        expect(m.type).toBe(`camt.${type}`);
        expect(m.version).toBe(`001.${String(version).padStart(2, '0')}`);
        const s = m.statements[0];
        expect(s?.account).toBe('CN12345678901234567');
        if (type === '053') {
          expect(s?.openingBalance).toEqual({ amount: '1000.50', currency: 'CNY', creditDebit: 'CRDT', date: '2026-11-25' });
          expect(s?.closingBalance?.date).toBe('2026-11-26');
        }
        expect(s?.entries[0]).toEqual({
          amount: '200.00', currency: 'CNY', creditDebit: 'CRDT', bookingDate: '2026-11-26', valueDate: '2026-11-26',
          reference: 'NR-1', endToEndId: `E2E-${String(version).padStart(2, '0')}`, counterparty: '武汉钢铁有限公司',
          remittance: 'INV 1 INV 2 & 3',
        });
      });
    }
  }

  it('refuses camt.053.001.01 and 001.99 naming the namespace', () => {
    for (const v of ['01', '99']) {
      const xml = camt('053', 8).replace('camt.053.001.08', `camt.053.001.${v}`);
      expect(() => readIso20022(xml)).toThrow(`urn:iso:std:iso:20022:tech:xsd:camt.053.001.${v}`);
      expect(refused(xml)).toBe('unsupported_version');
    }
  });

  it('refuses a message type it does not read, and a foreign namespace', () => {
    expect(refused(camt('053', 8).replace('camt.053.001.08', 'camt.052.001.08'))).toBe('unknown_namespace');
    expect(refused('<Document xmlns="urn:example:not-iso"><X/></Document>')).toBe('unknown_namespace');
    expect(refused('<Document><X/></Document>')).toBe('unknown_namespace');
    expect(refused('<Envelope><Other/></Envelope>')).toBe('no_document');
  });

  it('refuses bad amounts: a sign, an exponent, too many decimals for CNY, no Ccy', () => {
    const base = camt('053', 8);
    expect(refused(base.replace('>200.00<', '>-200.00<'))).toBe('invalid_value');
    expect(refused(base.replace('>200.00<', '>2E2<'))).toBe('invalid_value');
    expect(refused(base.replace('>200.00<', '>200.001<'))).toBe('invalid_value');
    expect(readIso20022(base.replace('>200.00<', '>200.00000<'))).toMatchObject({
      statements: [{ entries: [{ amount: '200.00' }] }],
    });
    expect(refused(base.replace('<Amt Ccy="CNY">200.00', '<Amt>200.00'))).toBe('missing_field');
    expect(refused(base.replace('<CdtDbtInd>CRDT</CdtDbtInd>\n   <', '<CdtDbtInd>CR</CdtDbtInd>\n   <'))).toBe('invalid_value');
  });
});

describe('hostile and broken XML is refused with a clear error', () => {
  it('billion laughs (internal entity expansion)', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
      <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr><MsgId>&lol3;</MsgId></GrpHdr></FIToFICstmrCdtTrf></Document>`;
    expect(refused(lol)).toBe('doctype_refused');
  });

  it('external entity (XXE)', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr><MsgId>&xxe;</MsgId></GrpHdr></FIToFICstmrCdtTrf></Document>`;
    expect(refused(xxe)).toBe('doctype_refused');
    expect(refused(xxe.replace('<!DOCTYPE', '<!doctype'))).toBe('doctype_refused');
  });

  it('truncated files, at every cut point of a statement', () => {
    const full = camt('053', 8);
    let cuts = 0;
    for (let at = 1; at < full.length - 12; at += 7) {
      const code = refused(full.slice(0, at));
      expect(['truncated', 'malformed']).toContain(code);
      cuts += 1;
    }
    expect(cuts).toBeGreaterThan(100);
    expect(refused(full.slice(0, full.lastIndexOf('</Document>')))).toBe('truncated');
    expect(refused('')).toBe('truncated');
    expect(() => readIso20022(full.slice(0, full.length - 20))).toThrow(/still open|never closed/);
  });

  it('oversized input, before parsing', () => {
    const big = camt('053', 8) + ' '.repeat(MAX_XML_CHARS);
    expect(refused(big)).toBe('too_large');
  });

  it('nesting deeper than the limit', () => {
    const deep = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</Document>`;
    expect(refused(deep)).toBe('too_deep');
  });

  it('mismatched tags and undeclared prefixes', () => {
    expect(refused('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><a></b></Document>')).toBe('malformed');
    expect(refused('<x:Document><a/></x:Document>')).toBe('malformed');
  });

  it('errors carry a Chinese message too', () => {
    try {
      readIso20022('<a>');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Iso20022Error);
      expect((error as Iso20022Error).messageZh).toContain('截断');
    }
  });
});

describe('writers: write then read gives the same normalised object', () => {
  const party = (name: string | null, account: string | null, bic: string | null = null) => ({ name, account, bic });
  const header = { creationDateTime: '2026-11-26T09:30:00+08:00', settlementDate: '2026-11-26' };

  it('pacs.008 with CNAPS member ids, an IBAN, a BIC party and awkward characters', () => {
    const message: PaymentMessage = {
      type: 'pacs.008',
      version: '001.08',
      messageId: 'HK20261126000001',
      transactions: [
        {
          endToEndId: 'E2E-1', uetr: '0f8e1c9a-9f3a-4b3a-8f5a-2f0a1c2b3d4e', amount: '1234567.89', currency: 'CNY',
          debtor: party('湖北 <建设> & "工程" 公司', '420101000012345'), creditor: party('ACME Ltd', 'GB33BUKB20201555555555'),
          debtorAgent: '102521000011', creditorAgent: 'ICBKCNBJWHN', remittance: '货款 INV-7 & 8',
        },
        {
          endToEndId: 'E2E-2', uetr: null, amount: '5', currency: 'JPY',
          debtor: party(null, null, 'BKCHCNBJXXX'), creditor: party('Yamada', null),
          debtorAgent: 'BKCHCNBJXXX', creditorAgent: 'MHCBJPJTXXX', remittance: null,
        },
      ],
    };
    const xml = writePacs008(message, header);
    expect(xml).toContain('<MmbId>102521000011</MmbId>');
    expect(xml).toContain('<IntrBkSttlmAmt Ccy="CNY">1234567.89</IntrBkSttlmAmt>');
    expect(readIso20022(xml)).toEqual(message);
  });

  it('pacs.008 refuses what the schema needs and the object lacks', () => {
    const tx = {
      endToEndId: null, uetr: null, amount: '1.00', currency: 'CNY', debtor: party('A', null), creditor: party('B', null),
      debtorAgent: '102521000011', creditorAgent: '102521000012', remittance: null,
    };
    const message: PaymentMessage = { type: 'pacs.008', version: '001.08', messageId: 'M', transactions: [tx] };
    expect(() => writePacs008(message, header)).toThrow('endToEndId is required');
    expect(() => writePacs008({ ...message, version: '001.02' }, header)).toThrow('not 001.02');
    expect(() => writePacs008({ ...message, transactions: [{ ...tx, endToEndId: 'E', amount: '1.5e3' }] }, header)).toThrow();
  });

  it('pacs.002 with accepted and rejected lines', () => {
    const message: PaymentMessage = {
      type: 'pacs.002', version: '001.10', messageId: 'ST-1',
      transactions: [
        { endToEndId: 'E2E-1', uetr: null, amount: null, currency: null, debtor: null, creditor: null, debtorAgent: null, creditorAgent: null, remittance: null, status: 'ACSC', reasonCode: null },
        { endToEndId: 'E2E-2', uetr: 'u-2', amount: '99.90', currency: 'CNY', debtor: party('张三', '6222000011112222'), creditor: party('李四', null), debtorAgent: '102521000011', creditorAgent: '103521000019', remittance: 'rent', status: 'RJCT', reasonCode: 'AC04' },
      ],
    };
    expect(readIso20022(writePacs002(message, header))).toEqual(message);
  });

  it('camt.053 with credits, debits, both balances and missing optional fields', () => {
    const message: StatementMessage = {
      type: 'camt.053', version: '001.08',
      statements: [
        {
          account: '420101000012345',
          openingBalance: { amount: '1000.00', currency: 'CNY', creditDebit: 'CRDT', date: '2026-11-26' },
          closingBalance: { amount: '850.50', currency: 'CNY', creditDebit: 'CRDT', date: '2026-11-26' },
          entries: [
            { amount: '200.00', currency: 'CNY', creditDebit: 'CRDT', bookingDate: '2026-11-26', valueDate: '2026-11-26', reference: 'HK-1', endToEndId: 'E2E-1', counterparty: '武汉钢铁', remittance: 'INV 9' },
            { amount: '349.50', currency: 'CNY', creditDebit: 'DBIT', bookingDate: '2026-11-26', valueDate: null, reference: null, endToEndId: null, counterparty: 'Supplier & Co', remittance: null },
            { amount: '0.00', currency: 'CNY', creditDebit: 'DBIT', bookingDate: null, valueDate: null, reference: 'ZERO', endToEndId: null, counterparty: null, remittance: null },
          ],
        },
        { account: 'GB33BUKB20201555555555', openingBalance: null, closingBalance: null, entries: [] },
      ],
    };
    expect(readIso20022(writeCamt053(message, { messageId: 'EOD-20261126', creationDateTime: header.creationDateTime }))).toEqual(message);
  });
});
