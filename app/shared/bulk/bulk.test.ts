import { describe, expect, it } from 'vitest';
import { BulkFileError, looksLikeXml, readBulkCsv, readPain001, readPain002, validateBulk, writePain001, writePain002, bulkTotals, type BulkContext } from './index';

const PARTICIPANTS = [
  { id: 'HKB', bankCode: '313521000018' },
  { id: 'ICBC', bankCode: '102521000011' },
  { id: 'ABC', bankCode: '103521000012' },
  { id: 'CCB', bankCode: '105521000014' },
  { id: 'CCB-SH', bankCode: '105290000015' },
];
const CONTEXT: BulkContext = { selfId: 'HKB', participants: PARTICIPANTS, recent: [{ id: 'HKB-D1-20260301-00000007', creditorAccount: '6222000000000777', amountMinor: 77700n }] };

const payment = (reference: string, amount: string, overrides: Partial<Record<string, string>> = {}) => ({
  reference,
  creditorName: '武昌医药有限公司',
  creditorAccount: `62220000000${reference.replace(/\D/g, '').padStart(5, '0')}`,
  creditorBankCode: '102521000011',
  amount,
  currency: 'CNY',
  purpose: '货款',
  ...overrides,
});

const pain = (version: '001.03' | '001.09', payments: ReturnType<typeof payment>[], controlSum?: string) =>
  writePain001({
    version,
    messageId: 'PAY-2026-03-02-1',
    creationDateTime: '2026-03-02T08:00:00+08:00',
    requestedDate: '2026-03-02',
    debtorName: '汉口商贸有限公司',
    debtorAccount: '6222020000000001',
    debtorBankCode: '313521000018',
    payments,
    ...(controlSum ? { controlSum } : {}),
  });

describe('pain.001 reader', () => {
  it.each(['001.03', '001.09'] as const)('reads %s written by the writer back to the same fields', (version) => {
    const file = readPain001(pain(version, [payment('R1', '10.00'), payment('R2', '20.50', { purpose: '工资 三月' })], '30.50'));
    expect(file).toMatchObject({ format: 'pain.001', version, messageId: 'PAY-2026-03-02-1', declaredCount: 2, declaredTotal: '30.50' });
    expect(file.lines).toEqual([
      { line: 1, endToEndId: 'R1', debtorName: '汉口商贸有限公司', debtorAccount: '6222020000000001', creditorName: '武昌医药有限公司', creditorAccount: '6222000000000001', creditorBankCode: '102521000011', amount: '10.00', currency: 'CNY', purpose: '货款' },
      { line: 2, endToEndId: 'R2', debtorName: '汉口商贸有限公司', debtorAccount: '6222020000000001', creditorName: '武昌医药有限公司', creditorAccount: '6222000000000002', creditorBankCode: '102521000011', amount: '20.50', currency: 'CNY', purpose: '工资 三月' },
    ]);
  });

  it('refuses what is not a pain.001: another message, junk, a DOCTYPE, an empty file', () => {
    const code = (text: string) => {
      try {
        readPain001(text);
        return 'read';
      } catch (error) {
        return error instanceof BulkFileError ? error.code : `other: ${String(error)}`;
      }
    };
    expect(code(pain('001.09', [payment('R1', '1.00')]).replaceAll('pain.001.001.09', 'pacs.008.001.08'))).toBe('not_pain001');
    expect(code(pain('001.09', [payment('R1', '1.00')]).replaceAll('pain.001.001.09', 'pain.001.001.12'))).toBe('not_pain001');
    expect(code('hello')).toBe('malformed');
    expect(code('<!DOCTYPE x [<!ENTITY a "b">]><Document/>')).toBe('malformed');
    expect(code('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn><GrpHdr><MsgId>M</MsgId></GrpHdr></CstmrCdtTrfInitn></Document>')).toBe('empty');
    expect(looksLikeXml(' \n<?xml version="1.0"?>')).toBe(true);
    expect(looksLikeXml('reference,amount')).toBe(false);
  });
});

describe('bulk CSV reader', () => {
  it('reads the documented layout in any column order, quoted fields included', () => {
    const text = 'amount,currency,reference,debtor_name,debtor_account,creditor_name,creditor_account,creditor_bank_code,purpose\r\n' +
      '1409.50,CNY,R1,汉口商贸有限公司,6222020000000001,"武昌医药, 有限公司",6222000000000001,102521000011,"货款 ""三月"""\r\n';
    expect(readBulkCsv(text).lines).toEqual([
      { line: 2, endToEndId: 'R1', debtorName: '汉口商贸有限公司', debtorAccount: '6222020000000001', creditorName: '武昌医药, 有限公司', creditorAccount: '6222000000000001', creditorBankCode: '102521000011', amount: '1409.50', currency: 'CNY', purpose: '货款 "三月"' },
    ]);
  });

  it('refuses a file without the header columns, or with only a header', () => {
    expect(() => readBulkCsv('a,b\n1,2')).toThrow(/creditor_bank_code/);
    expect(() => readBulkCsv('reference,debtor_name,debtor_account,creditor_name,creditor_account,creditor_bank_code,amount,currency,purpose\n')).toThrow(BulkFileError);
    expect(() => readBulkCsv('reference,"unclosed\n')).toThrow(BulkFileError);
  });
});

describe('validateBulk', () => {
  it('reports each bad field of each line and keeps the good lines', () => {
    const file = readPain001(
      pain('001.09', [
        payment('R1', '100.00'),
        payment('R2', '0.00'),
        payment('R3', '12.345'),
        payment('R4', '5.00', { currency: 'USD' }),
        payment('R5', '5.00', { creditorBankCode: '10252100001' }),
        payment('R6', '5.00', { creditorBankCode: '999521000011' }),
        payment('R7', '5.00', { creditorBankCode: '308521000019' }),
        payment('R8', '5.00', { creditorBankCode: '313521000018' }),
        payment('R9', '5.00', { creditorAccount: '12' }),
        payment('R10', '5.00', { creditorName: '' }),
        payment('R11', '60000.00', { creditorBankCode: '105521000099' }),
        payment('R12', '5.00', { creditorBankCode: '105290000015' }),
      ]),
    );
    const lines = validateBulk(file, CONTEXT);
    const errors = lines.flatMap((l) => l.errors.map((e) => `${e.line} ${e.field} ${e.code}`));
    expect(errors).toEqual([
      '2 amount invalid_amount',
      '3 amount invalid_amount',
      '4 currency wrong_currency',
      '5 creditor_bank_code invalid_bank_code',
      '6 creditor_bank_code invalid_bank_code',
      '7 creditor_bank_code unknown_bank',
      '8 creditor_bank_code own_bank',
      '9 creditor_account invalid_account',
      '10 creditor_name required',
    ]);
    // 60,000.00 is above the BEPS ceiling (50,000.00): HVPS. A CCB branch in Wuhan (1055210...) is CCB; one in Shanghai is CCB-SH.
    expect(lines[10]?.payment).toMatchObject({ kind: 'hvps', to: 'CCB', amountMinor: 6_000_000n });
    expect(lines[11]?.payment).toMatchObject({ kind: 'beps', to: 'CCB-SH' });
    expect(lines[0]?.payment).toMatchObject({ kind: 'beps', to: 'ICBC', amountMinor: 10_000n, creditor: { name: '武昌医药有限公司', account: '6222000000000001' }, purpose: '货款' });
    expect(bulkTotals(lines)).toEqual({ valid: 3, invalid: 9, totalMinor: 6_010_500n });
    expect(lines[3]?.errors[0]?.reasonZh).toBe('币种须为人民币（CNY）');
  });

  it('finds duplicates within the file and against the last 7 days, unless a clerk accepted them', () => {
    const file = readPain001(
      pain('001.03', [
        payment('R1', '10.00'),
        payment('R1', '11.00', { creditorAccount: '6222000000000999' }),
        payment('R3', '10.00', { creditorAccount: '6222000000000001' }),
        payment('R4', '777.00', { creditorAccount: '6222000000000777' }),
      ]),
    );
    const errors = validateBulk(file, CONTEXT).flatMap((l) => l.errors.map((e) => `${e.line} ${e.field} ${e.code} ${e.reason}`));
    expect(errors).toEqual([
      '2 reference duplicate_in_file reference R1 is already used on line 1',
      '3 creditor_account duplicate_in_file same creditor, bank, amount and purpose as line 1',
      '4 amount duplicate_recent the same amount to this creditor account was paid in the last 7 days (HKB-D1-20260301-00000007)',
    ]);
    expect(validateBulk(file, { ...CONTEXT, acceptedDuplicates: new Set([4]) }).flatMap((l) => l.errors.map((e) => e.line))).toEqual([2, 3]);
  });

  it('refuses a pain.001 whose NbOfTxs or CtrlSum disagrees with its lines', () => {
    expect(() => validateBulk(readPain001(pain('001.09', [payment('R1', '10.00')], '10.01')), CONTEXT)).toThrow(/CtrlSum/);
    const file = readPain001(pain('001.09', [payment('R1', '10.00')]));
    expect(() => validateBulk({ ...file, declaredCount: 2 }, CONTEXT)).toThrow(/NbOfTxs/);
  });
});

describe('pain.002 writer', () => {
  it.each(['001.03', '001.10'] as const)('%s reads back to the same lines', (version) => {
    const lines = [
      { line: 1, reference: 'R1', status: 'ACSC' as const, reasonCode: null, reasonText: null, amount: '10.00', currency: 'CNY', creditorName: '武昌医药有限公司', creditorAccount: '6222000000000001' },
      { line: 2, reference: null, status: 'RJCT' as const, reasonCode: 'AM12', reasonText: 'amount must be more than zero', amount: null, currency: null, creditorName: null, creditorAccount: null },
    ];
    const xml = writePain002({ version, messageId: 'B-1', creationDateTime: '2026-03-02T18:00:00+08:00', originalMessageId: 'PAY-1', originalMessageNameId: 'pain.001.001.09', originalCount: 2, groupStatus: 'PART', paymentInformationId: 'PAY-1-1', lines });
    expect(readPain002(xml)).toEqual({ groupStatus: 'PART', originalMessageId: 'PAY-1', lines });
  });
});
