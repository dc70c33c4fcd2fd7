import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BulkFileError, readBulkCsv, readPain001, validateBulk, writePain001, type BulkContext } from './index';

/**
 * Hostile and broken bulk files: every input either reads into lines (which the validator then
 * judges without throwing) or is refused with a BulkFileError. A TypeError, a RangeError or a
 * library's bare Error fails the property and prints the input.
 */
const CONTEXT: BulkContext = { selfId: 'HKB', participants: [{ id: 'HKB', bankCode: '313521000011' }, { id: 'ICBC', bankCode: '102521000030' }], recent: [] };
const PAIN = writePain001({
  version: '001.09',
  messageId: 'F-1',
  creationDateTime: '2026-11-26T08:00:00+08:00',
  requestedDate: '2026-11-26',
  debtorName: '汉口商贸',
  debtorAccount: '6222020000000001',
  debtorBankCode: '313521000011',
  controlSum: '30.00',
  payments: [
    { reference: 'R1', creditorName: '甲', creditorAccount: '6222000000000001', creditorBankCode: '102521000030', amount: '10.00', currency: 'CNY', purpose: '货款' },
    { reference: 'R2', creditorName: '乙', creditorAccount: '6222000000000002', creditorBankCode: '102521000030', amount: '20.00', currency: 'CNY', purpose: '货款' },
  ],
});
const CSV = 'reference,debtor_name,debtor_account,creditor_name,creditor_account,creditor_bank_code,amount,currency,purpose\nR1,汉口商贸,6222020000000001,"甲, 公司",6222000000000001,102521000030,10.00,CNY,货款\n';

function mutations(base: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: base.length }).map((cut) => base.slice(0, cut)),
    fc.tuple(fc.nat({ max: base.length }), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('<', '"', ',', '\n', '&amp;', '&x;', '<!DOCTYPE a>', '1e9', '-0', 'NaN', '\u0000', '\ud800', '9'.repeat(400)))).map(([at, junk]) => base.slice(0, at) + junk + base.slice(at)),
    fc.tuple(fc.nat({ max: base.length }), fc.nat({ max: 80 })).map(([at, len]) => base.slice(0, at) + base.slice(at + len)),
    fc.string({ maxLength: 300 }),
  );
}

function judged(read: () => ReturnType<typeof readPain001>): string {
  try {
    const lines = validateBulk(read(), CONTEXT);
    for (const l of lines) if (l.payment) expect(l.payment.amountMinor > 0n).toBe(true);
    return 'read';
  } catch (error) {
    if (error instanceof BulkFileError) return error.code;
    throw error;
  }
}

describe('bulk readers under fuzzing', () => {
  it('pain.001: lines or a BulkFileError, never anything else', () => {
    fc.assert(fc.property(mutations(PAIN), (text) => void judged(() => readPain001(text))), { numRuns: 400 });
  });
  it('CSV: lines or a BulkFileError, never anything else', () => {
    fc.assert(fc.property(mutations(CSV), (text) => void judged(() => readBulkCsv(text))), { numRuns: 400 });
  });
});
