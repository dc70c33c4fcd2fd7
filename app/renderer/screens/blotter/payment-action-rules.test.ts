import { describe, it, expect } from 'vitest';
import type { PaymentRow } from '../../../shared/contract';
import { availableActions } from './payment-action-rules';

const row = (over: Partial<PaymentRow>): PaymentRow => ({
  id: 'P1', kind: 'hvps', priority: 2, status: 'queued', direction: 'out', from: 'HKB', fromName: '', to: 'ICBC', toName: '', counterparty: 'ICBC',
  counterpartyName: '', amount: '1.00', currency: 'CNY', debtorName: '', debtorAccount: '', creditorName: '', creditorAccount: '', purpose: '',
  maker: 'm', checker: null, reason: null, createdAt: '', updatedAt: '', businessDate: '', ...over,
});

describe('payment detail actions', () => {
  it('offers 撤销 for own unsettled outgoing payments, to supervisors only', () => {
    expect(availableActions(row({ kind: 'beps' }), ['supervisor'])).toEqual(['cancel']);
    expect(availableActions(row({ kind: 'beps', status: 'queued_offline' }), ['supervisor'])).toEqual(['cancel']);
    expect(availableActions(row({}), ['clerk'])).toEqual([]);
    expect(availableActions(row({ status: 'settled' }), ['supervisor'])).toEqual([]);
    expect(availableActions(row({ status: 'netted' }), ['supervisor'])).toEqual([]);
    expect(availableActions(row({ kind: 'bill' }), ['supervisor'])).toEqual([]);
  });
  it('offers 调整优先级 beside 撤销 for own unsettled outgoing HVPS payments only (RTGS queue), to supervisors only', () => {
    expect(availableActions(row({}), ['supervisor'])).toEqual(['cancel', 'reprioritise']);
    expect(availableActions(row({ status: 'received', priority: 0 }), ['supervisor'])).toEqual(['cancel', 'reprioritise']);
    expect(availableActions(row({ status: 'queued_offline' }), ['supervisor'])).toEqual(['cancel', 'reprioritise']);
    expect(availableActions(row({ kind: 'beps' }), ['supervisor'])).toEqual(['cancel']);
    expect(availableActions(row({}), ['clerk'])).toEqual([]);
    expect(availableActions(row({ status: 'settled' }), ['supervisor'])).toEqual([]);
    expect(availableActions(row({ direction: 'in' }), ['supervisor'])).toEqual([]);
  });
  it('offers 退票 for received bills in an open cycle', () => {
    expect(availableActions(row({ direction: 'in', kind: 'bill', status: 'netted' }), ['supervisor'])).toEqual(['return']);
    expect(availableActions(row({ direction: 'in', kind: 'bill', status: 'settled' }), ['supervisor'])).toEqual([]);
    expect(availableActions(row({ direction: 'in', kind: 'beps', status: 'netted' }), ['supervisor'])).toEqual([]);
    expect(availableActions(row({ direction: 'in', kind: 'bill', status: 'netted' }), ['auditor'])).toEqual([]);
  });
});
