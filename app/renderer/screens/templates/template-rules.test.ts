import { describe, expect, it } from 'vitest';
import type { PaymentTemplate } from '../../../shared/contract/handlers/templates';
import { approveBlock, formFromTemplate, retireBlock } from './template-rules';

const template: PaymentTemplate = {
  id: 'TPL-0001', name: '房租', kind: 'beps', priority: 2, to: 'ICBC', debtor: { name: '汉口商贸', account: '6222020000000001' }, creditor: { name: '江岸物业', account: '6222000000007777' },
  purpose: '房租', amount: '12000.00', status: 'draft', createdBy: 'clerk1', createdAt: 't', approvedBy: null, approvedAt: null, retiredBy: null, retiredAt: null, retireNote: null,
};

describe('template rules', () => {
  it('approve: another supervisor, drafts only; retire: supervisors, not twice', () => {
    expect(approveBlock({ username: 'super1', roles: ['supervisor'] }, template)).toBeNull();
    expect(approveBlock({ username: 'clerk2', roles: ['clerk'] }, template)).toBe('notSupervisor');
    expect(approveBlock({ username: 'clerk1', roles: ['clerk', 'supervisor'] }, template)).toBe('ownTemplate');
    expect(approveBlock({ username: 'super1', roles: ['supervisor'] }, { ...template, status: 'approved' })).toBe('notDraft');
    expect(retireBlock({ roles: ['supervisor'] }, template)).toBeNull();
    expect(retireBlock({ roles: ['supervisor'] }, { ...template, status: 'retired' })).toBe('retired');
    expect(retireBlock({ roles: ['clerk'] }, template)).toBe('notSupervisor');
  });
  it('fills the entry form, the amount grouped when fixed and empty when keyed each time', () => {
    expect(formFromTemplate(template)).toMatchObject({ kind: 'beps', priority: '2', to: 'ICBC', amount: '12,000.00', creditorAccount: '6222000000007777', purpose: '房租', billNumber: '' });
    expect(formFromTemplate({ ...template, amount: null }).amount).toBe('');
  });
});
