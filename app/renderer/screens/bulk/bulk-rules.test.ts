import { describe, expect, it } from 'vitest';
import type { BulkBatch, BulkLine } from '../../../shared/contract/handlers/bulk';
import { batchVerifyBlock, changedFields, exportBlock, isDuplicateOnly, lineEditBlock, lineForm } from './bulk-rules';

const batch: BulkBatch = {
  id: 'BULK-20261126-0001', format: 'pain.001', version: '001.09', messageId: 'M', fileName: 'a.xml', businessDate: '2026-11-26', status: 'open',
  importedBy: 'clerk1', importedAt: 't', verifiedBy: null, verifiedAt: null, lines: 3, valid: 2, invalid: 0, dropped: 1, total: '60000.00', totalInCapitals: '人民币陆万元整', final: false,
};
const line: BulkLine = {
  line: 2, state: 'invalid', reference: 'R2', debtorName: 'd', debtorAccount: '622202', creditorName: 'c', creditorAccount: '622200', creditorBankCode: '102521000030',
  amount: '1.005', currency: 'CNY', purpose: 'p', to: null, kind: null, acceptDuplicate: false,
  errors: [{ line: 2, field: 'amount', code: 'invalid_amount', reason: 'r', reasonZh: 'r' }], paymentId: null, paymentStatus: null, note: null,
};
const super1 = { username: 'super1', roles: ['supervisor'] as const, checkerLimit: null };

describe('batch screen rules', () => {
  it('says why a batch cannot be verified by this operator', () => {
    expect(batchVerifyBlock(super1, batch)).toBeNull();
    expect(batchVerifyBlock({ ...super1, roles: ['clerk'] }, batch)).toBe('notSupervisor');
    expect(batchVerifyBlock({ ...super1, username: 'clerk1', roles: ['clerk', 'supervisor'] }, batch)).toBe('ownBatch');
    expect(batchVerifyBlock(super1, { ...batch, invalid: 1 })).toBe('invalidLines');
    expect(batchVerifyBlock(super1, { ...batch, valid: 0, total: '0.00' })).toBe('empty');
    expect(batchVerifyBlock(super1, { ...batch, status: 'verified' })).toBe('verified');
    expect(batchVerifyBlock({ ...super1, checkerLimit: '59999.99' }, batch)).toBe('aboveLimit');
    expect(batchVerifyBlock({ ...super1, checkerLimit: '60000.00' }, batch)).toBeNull();
  });
  it('lets a clerk edit open lines of an open batch only; exports only final batches', () => {
    expect(lineEditBlock(['clerk'], batch, line)).toBeNull();
    expect(lineEditBlock(['supervisor'], batch, line)).toBe('notClerk');
    expect(lineEditBlock(['clerk'], { ...batch, status: 'verified' }, line)).toBe('verified');
    expect(lineEditBlock(['clerk'], batch, { ...line, state: 'dropped' })).toBe('closed');
    expect(exportBlock(batch)).toBe('notFinal');
    expect(exportBlock({ ...batch, final: true })).toBeNull();
  });
  it('sends back only the fields changed; empty is not given', () => {
    const form = { ...lineForm(line), amount: ' 1.00 ', reference: '' };
    expect(changedFields(line, form)).toEqual({ amount: '1.00', reference: null });
    expect(isDuplicateOnly(line)).toBe(false);
    expect(isDuplicateOnly({ ...line, errors: [{ ...line.errors[0]!, code: 'duplicate_recent' }] })).toBe(true);
  });
});
