import { describe, expect, it } from 'vitest';
import type { PaymentRow } from '../../../shared/contract';
import type { ThreadView } from '../../../shared/contract/handlers/messages';
import { paymentOffers, threadOffers } from './message-rules';

const row = (over: Partial<PaymentRow>): PaymentRow => ({ id: 'P1', direction: 'out', status: 'settled', kind: 'hvps', amount: '10.00', ...over }) as PaymentRow;
const payment = { from: 'HKB', to: 'ICBC', amount: '10.00', currency: 'CNY' as const, kind: 'hvps' as const, status: 'settled' };
const thread = (over: Partial<ThreadView>): ThreadView => ({ id: 'T1', kind: 'inquiry', paymentId: 'P1', from: 'ICBC', to: 'HKB', state: 'open', businessDate: '2026-12-07', payment, entries: [{ at: 't', by: 'ICBC', action: 'ask' }], overdue: false, ...over });

describe('what the messages panel offers', () => {
  it('asks about sent payments only; asks back own settled ones once; stops own waiting ones for a supervisor', () => {
    expect(paymentOffers(row({ status: 'draft' }), [], [], ['clerk'], 'HKB')).toEqual({});
    expect(paymentOffers(row({}), [], [], ['clerk'], 'HKB')).toEqual({ inquire: {}, requestReturn: {} });
    expect(paymentOffers(row({}), [], [], ['auditor'], 'HKB')).toEqual({ inquire: { why: 'role' }, requestReturn: { why: 'role' } });
    expect(paymentOffers(row({}), [thread({ kind: 'return', state: 'requested' })], [], ['clerk'], 'HKB').requestReturn).toBeUndefined();
    // 4.00 of 10.00 came back: the rest may be asked for; all of it back, nothing is offered.
    expect(paymentOffers(row({}), [thread({ kind: 'return', state: 'accepted', amount: '4.00' })], [], ['clerk'], 'HKB').requestReturn).toEqual({});
    expect(paymentOffers(row({}), [thread({ kind: 'return', state: 'accepted', amount: '10.00' })], [], ['clerk'], 'HKB').requestReturn).toBeUndefined();
    expect(paymentOffers(row({ status: 'queued' }), [], [], ['clerk'], 'HKB').stop).toEqual({ why: 'role' });
    expect(paymentOffers(row({ status: 'queued' }), [], [], ['supervisor'], 'HKB').stop).toEqual({});
    expect(paymentOffers(row({ status: 'queued', direction: 'in' }), [], [], ['supervisor'], 'HKB').stop).toBeUndefined();
    expect(paymentOffers(row({ status: 'queued' }), [], [{ type: 'payment.stop', id: 'P1' }], ['supervisor'], 'HKB').stop).toBeUndefined();
  });

  it('releases only this bank\'s own stop; the centre\'s stop shows why not', () => {
    const own = thread({ id: 'STOP.P1', kind: 'stop', state: 'stopped', from: 'HKB', to: 'HKB' });
    expect(paymentOffers(row({ status: 'queued' }), [own], [], ['supervisor'], 'HKB')).toMatchObject({ stoppedBy: 'bank', release: {} });
    const centre = { ...own, from: 'centre' };
    expect(paymentOffers(row({ status: 'queued' }), [centre], [], ['supervisor'], 'HKB')).toMatchObject({ stoppedBy: 'centre', release: { why: 'centreStop' } });
    expect(paymentOffers(row({ status: 'queued' }), [centre], [], ['supervisor'], 'HKB').stoppedByOperator).toBeUndefined();
    // The house names the centre operator on their entry: the newest stop's, not an earlier one's.
    const named = { ...centre, entries: [{ at: 't1', by: 'centre', action: 'stop' as const, operator: 'li.fu' }, { at: 't2', by: 'centre', action: 'release' as const, operator: 'wang.zhu' }, { at: 't3', by: 'centre', action: 'stop' as const, operator: 'sup1' }] };
    expect(paymentOffers(row({ status: 'queued' }), [named], [], ['supervisor'], 'HKB')).toMatchObject({ stoppedBy: 'centre', stoppedByOperator: 'sup1' });
    expect(paymentOffers(row({ status: 'queued' }), [{ ...named, state: 'released' }], [], ['supervisor'], 'HKB').stoppedByOperator).toBeUndefined();
  });

  it('answers inquiries to this bank; a clerk proposes the return answer and another supervisor decides it', () => {
    expect(threadOffers(thread({}), [], [], ['clerk'], 'c1', 'HKB')).toEqual({ answer: {} });
    expect(threadOffers(thread({ to: 'ICBC', from: 'HKB' }), [], [], ['clerk'], 'c1', 'HKB')).toEqual({});
    const request = thread({ kind: 'return', state: 'requested' });
    expect(threadOffers(request, [], [], ['clerk'], 'c1', 'HKB')).toEqual({ propose: {} });
    expect(threadOffers(request, [], [], ['supervisor'], 's1', 'HKB')).toEqual({ propose: { why: 'clerkProposes' } });
    const decision = { id: 'D1', threadId: 'T1', decision: 'accept' as const, reasonCode: null, text: null, status: 'proposed' as const, maker: 'c1', proposedAt: 't', checker: null };
    expect(threadOffers(request, [decision], [], ['supervisor'], 's1', 'HKB').decide).toEqual({ decision });
    expect(threadOffers(request, [decision], [], ['supervisor', 'clerk'], 'c1', 'HKB').decide).toEqual({ decision, why: 'ownDecision' });
  });
});
