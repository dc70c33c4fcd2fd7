import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIso20022 } from './read';
import type { PaymentMessage, StatementMessage } from './types';
import { writeCamt053 } from './write-camt053';
import { writePacs008, writePacs002 } from './write-pacs';

const dir = resolve(process.env.HANKOU_FIXTURES ?? resolve(process.cwd(), '../shared/fixtures'), 'iso20022');
const present = existsSync(dir);
const read = (name: string) => readIso20022(readFileSync(resolve(dir, name), 'utf8'));

describe.skipIf(!present)(`real ISO 20022 samples in ${dir}${present ? '' : ' (absent: skipped)'}`, () => {
  it('covers every sample in the folder', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.xml')).sort();
    expect(files).toEqual([
      'CBPR_c.105.1.1_camt.053-BtoA.xml',
      'CBPR_c.106.2.1.a_pacs.009_BtoC.xml',
      'CBPR_c.54.3.1_camt.054-BtoA.xml',
      'CBPR_p.2.1.2_pacs.002-DtoC.xml',
      'CBPR_p.2.1.2_pacs.004-BtoA.xml',
      'CBPR_p.2.1.2_pacs.008-AtoB.xml',
      'HVPS_c.29.1.1_pacs.008_BtoC_MI.xml',
    ]);
  });

  it('camt.053 001.08 in a SWIFT envelope with a prefixed head.001 header', () => {
    const m = read('CBPR_c.105.1.1_camt.053-BtoA.xml') as StatementMessage;
    expect(m.type).toBe('camt.053');
    expect(m.version).toBe('001.08');
    expect(m.statements).toHaveLength(1);
    const [s] = m.statements;
    expect(s?.account).toBe('48751258');
    expect(s?.openingBalance).toEqual({ amount: '10.00', currency: 'GBP', creditDebit: 'DBIT', date: '2022-10-20' });
    expect(s?.closingBalance).toEqual({ amount: '2470.00', currency: 'GBP', creditDebit: 'DBIT', date: '2022-10-20' });
    expect(s?.entries).toEqual([
      {
        amount: '2450.00', currency: 'GBP', creditDebit: 'DBIT', bookingDate: null, valueDate: '2022-10-20',
        reference: 'ABKREF-125646', endToEndId: 'pacs008EndToEndId-001', counterparty: null, remittance: null,
      },
      {
        amount: '10.00', currency: 'GBP', creditDebit: 'DBIT', bookingDate: null, valueDate: '2022-10-20',
        reference: 'ABCREF-125678', endToEndId: 'pacs008EndToEndId-001', counterparty: null, remittance: null,
      },
    ]);
    // The day proves: opening -10.00, debits 2450.00 + 10.00, closing -2470.00.
    expect(-1000n - 245000n - 1000n).toBe(-247000n);
  });

  it('camt.054 001.12 (header says 001.08: the namespace decides)', () => {
    const m = read('CBPR_c.54.3.1_camt.054-BtoA.xml') as StatementMessage;
    expect(m.type).toBe('camt.054');
    expect(m.version).toBe('001.12');
    expect(m.statements[0]?.account).toBe('AWA15457');
    expect(m.statements[0]?.openingBalance).toBeNull();
    expect(m.statements[0]?.entries).toEqual([
      {
        amount: '165486600', currency: 'JPY', creditDebit: 'DBIT', bookingDate: null, valueDate: '2020-08-06',
        reference: 'cmt054NtryRef001', endToEndId: 'pacs008EndToEndId-001', counterparty: null, remittance: null,
      },
    ]);
  });

  it('pacs.008 001.12 CBPR+ (USD)', () => {
    const m = read('CBPR_p.2.1.2_pacs.008-AtoB.xml') as PaymentMessage;
    expect(m).toEqual({
      type: 'pacs.008',
      version: '001.12',
      messageId: 'A2B0506272708',
      transactions: [
        {
          endToEndId: 'E2E04044506271305',
          uetr: '174c245f-2682-4291-ad67-2a41e530cd27',
          amount: '136500.00',
          currency: 'USD',
          debtor: { name: 'GB Engineering', account: '96325874', bic: null },
          creditor: { name: 'US Engines', account: '254178963', bic: null },
          debtorAgent: 'CHASGB2LXXX',
          creditorAgent: 'HNBAUS51XXX',
          remittance: null,
        },
      ],
    });
  });

  it('pacs.008 HVPS sample in RON: written with RON\'s two minor digits, as every message prints amounts', () => {
    const m = read('HVPS_c.29.1.1_pacs.008_BtoC_MI.xml') as PaymentMessage;
    expect(m.messageId).toBe('pcs008bzmsgidr-2');
    const [tx] = m.transactions;
    expect(tx?.amount).toBe('591636.00');
    expect(tx?.currency).toBe('RON');
    expect(tx?.debtor).toEqual({ name: 'Debtor Co', account: '25698745', bic: null });
    expect(tx?.creditor).toEqual({ name: 'Ardent Finance', account: '65479512', bic: null });
    expect(tx?.debtorAgent).toBe('MYMBGB2LXXX');
    expect(tx?.creditorAgent).toBe('GEBABEBBXXX');
  });

  it('pacs.009 001.08: institutions as debtor and creditor', () => {
    const m = read('CBPR_c.106.2.1.a_pacs.009_BtoC.xml') as PaymentMessage;
    expect(m.type).toBe('pacs.009');
    expect(m.version).toBe('001.08');
    expect(m.messageId).toBe('pacs9bizmsgidr01');
    expect(m.transactions[0]).toMatchObject({
      endToEndId: 'camt106chrgid1',
      uetr: '7a562c67-ca16-48ba-b074-65581be6f002',
      amount: '15.00',
      currency: 'RON',
      debtor: { name: null, account: null, bic: 'INGBROBUXXX' },
      creditor: { name: null, account: null, bic: 'RZBRROBUXXX' },
    });
  });

  it('pacs.002 001.14: a reject with its reason, keyed by the original ids', () => {
    const m = read('CBPR_p.2.1.2_pacs.002-DtoC.xml') as PaymentMessage;
    expect(m.version).toBe('001.14');
    expect(m.messageId).toBe('P2D2C2007');
    expect(m.transactions[0]).toMatchObject({
      endToEndId: 'E2E04044506271305',
      uetr: '174c245f-2682-4291-ad67-2a41e530cd27',
      amount: null,
      status: 'RJCT',
      reasonCode: 'AC04',
    });
  });

  it('pacs.004 001.13: the returned amount (136480.00 of 136500.00) and the return chain', () => {
    const m = read('CBPR_p.2.1.2_pacs.004-BtoA.xml') as PaymentMessage;
    expect(m.messageId).toBe('P4B2A-006');
    expect(m.transactions[0]).toEqual({
      endToEndId: 'E2E04044506271305',
      uetr: '174c245f-2682-4291-ad67-2a41e530cd27',
      amount: '136480.00',
      currency: 'USD',
      debtor: { name: null, account: null, bic: 'ANBTUS44XXX' },
      creditor: { name: 'GB Engineering', account: null, bic: null },
      debtorAgent: 'CHASUS33XXX',
      creditorAgent: 'CHASGB2LXXX',
      remittance: null,
      reasonCode: 'AC04',
    });
  });

  it('round trips the real pacs.008 samples and the camt.053 through the writers', () => {
    for (const name of ['CBPR_p.2.1.2_pacs.008-AtoB.xml', 'HVPS_c.29.1.1_pacs.008_BtoC_MI.xml']) {
      const m = read(name) as PaymentMessage;
      expect(readIso20022(writePacs008(m, { creationDateTime: '2026-11-26T09:00:00+08:00' }))).toEqual(m);
    }
    const statement = read('CBPR_c.105.1.1_camt.053-BtoA.xml') as StatementMessage;
    const header = { messageId: 'STMT-1', creationDateTime: '2026-11-26T18:00:00+08:00' };
    expect(readIso20022(writeCamt053(statement, header))).toEqual(statement);
    const status = read('CBPR_p.2.1.2_pacs.002-DtoC.xml') as PaymentMessage;
    expect(readIso20022(writePacs002(status, { creationDateTime: '2026-11-26T09:00:00+08:00' }))).toEqual(status);
  });
});
