import { describe, it, expect } from 'vitest';
import { changeSchema, paymentActionPayloadSchema, paymentReprioritisePayloadSchema, pullAnswerSchema, pullQuerySchema, pushRequestSchema, pushResponseSchema } from './sync-protocol';

const payment = {
  id: 'P1',
  kind: 'hvps',
  priority: 2,
  to: 'B',
  amount: '12.50',
  currency: 'CNY',
  debtor: { name: '张伟', account: '6222020000000001' },
  creditor: { name: '王芳', account: '6222020000000002' },
  purpose: '货款',
};

describe('sync protocol schemas', () => {
  it('accepts a push of consecutive seqs and refuses a gap inside one push', () => {
    const ok = { protocolVersion: 1, deviceId: 'dev-1', mutations: [1, 2].map((seq) => ({ seq, id: `P${seq}`, type: 'payment.submit', payload: payment })) };
    expect(pushRequestSchema.safeParse(ok).success).toBe(true);
    const gap = { ...ok, mutations: [ok.mutations[0], { ...ok.mutations[1], seq: 3 }] };
    expect(pushRequestSchema.safeParse(gap).success).toBe(false);
  });

  it('refuses another protocol version, an empty push, unknown fields and seq 0', () => {
    const m = { seq: 1, id: 'P1', type: 'payment.submit', payload: payment };
    expect(pushRequestSchema.safeParse({ protocolVersion: 2, deviceId: 'd', mutations: [m] }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ protocolVersion: 1, deviceId: 'd', mutations: [] }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ protocolVersion: 1, deviceId: 'd', mutations: [m], extra: 1 }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ protocolVersion: 1, deviceId: 'd', mutations: [{ ...m, seq: 0 }] }).success).toBe(false);
  });

  it('describes push results, changes and resync answers', () => {
    expect(pushResponseSchema.safeParse({ lastSeq: 2, results: [{ seq: 2, id: 'P2', status: 'duplicate', original: 'accepted' }] }).success).toBe(true);
    expect(changeSchema.safeParse({ seq: 3, type: 'payment.status', data: { id: 'P1', status: 'settled' } }).success).toBe(true);
    expect(changeSchema.safeParse({ seq: 3, type: 'payment.status', data: { id: 'P1', status: 'lost' } }).success).toBe(false);
    // held is the console's own risk stop: the house never sets it.
    expect(changeSchema.safeParse({ seq: 3, type: 'payment.status', data: { id: 'P1', status: 'held' } }).success).toBe(false);
    expect(
      changeSchema.safeParse({ seq: 4, type: 'cycle.closed', data: { cycleId: '1', net: { A: '-5.00' }, bilateral: { C: '-5.00' } } }).success,
    ).toBe(true);
    expect(pullAnswerSchema.safeParse({ resync: true, cursor: '', message: 'gone' }).success).toBe(true);
    expect(pullAnswerSchema.safeParse({ cursor: 'abc.12', hasMore: false, changes: [] }).success).toBe(true);
  });

  it('reads pull queries with defaults and bounds', () => {
    expect(pullQuerySchema.parse({})).toEqual({ cursor: '', limit: 500 });
    expect(pullQuerySchema.parse({ cursor: 'e1.9', limit: '20' })).toEqual({ cursor: 'e1.9', limit: 20 });
    expect(pullQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(pullQuerySchema.safeParse({ cursor: "1'; drop" }).success).toBe(false);
  });

  it('carries payment.cancel and payment.return beside payment.submit, strict, and refuses unknown types', () => {
    const push = (mutations: unknown[]) => pushRequestSchema.safeParse({ protocolVersion: 1, deviceId: 'HKB-1', mutations });
    expect(
      push([
        { seq: 1, id: 'P1', type: 'payment.submit', payload: payment },
        { seq: 2, id: 'P1', type: 'payment.cancel', payload: { reason: '客户撤回' } },
        { seq: 3, id: 'B1', type: 'payment.return', payload: { reason: '签章不符' } },
      ]).success,
    ).toBe(true);
    expect(push([{ seq: 1, id: 'P1', type: 'payment.refund', payload: {} }]).success).toBe(false);
    expect(push([{ seq: 1, id: 'P1', type: 'payment.cancel', payload: {}, by: 'A' }]).success).toBe(false);
    expect(push([{ seq: 1, id: '', type: 'payment.cancel', payload: {} }]).success).toBe(false);
    // The payload is checked by the house per mutation (a bad one is 'rejected', not a 400).
    expect(push([{ seq: 1, id: 'P1', type: 'payment.cancel', payload: 42 }]).success).toBe(true);
    expect(paymentActionPayloadSchema.safeParse({ reason: '客户撤回' }).success).toBe(true);
    expect(paymentActionPayloadSchema.safeParse({ reason: '   ' }).success).toBe(false);
    expect(paymentActionPayloadSchema.safeParse({ reason: 'x'.repeat(141) }).success).toBe(false);
    expect(paymentActionPayloadSchema.safeParse({ reason: 'x', returnId: 'R1' }).success).toBe(false);
  });

  it('carries payment.reprioritise with the new priority (0, 1 or 2, the payment schema\'s numbers) and a reason', () => {
    const push = (mutations: unknown[]) => pushRequestSchema.safeParse({ protocolVersion: 1, deviceId: 'HKB-1', mutations });
    expect(push([{ seq: 1, id: 'P1', type: 'payment.reprioritise', payload: { priority: 0, reason: '客户加急' } }]).success).toBe(true);
    // Envelope strict; the payload is the house's to check per mutation.
    expect(push([{ seq: 1, id: 'P1', type: 'payment.reprioritise', payload: {}, priority: 0 }]).success).toBe(false);
    expect(push([{ seq: 1, id: 'P1', type: 'payment.reprioritise', payload: 'x' }]).success).toBe(true);
    const ok = (p: unknown) => paymentReprioritisePayloadSchema.safeParse(p).success;
    expect(ok({ priority: 0, reason: '客户加急' })).toBe(true);
    expect(ok({ priority: 2, reason: 'later' })).toBe(true);
    expect(ok({ priority: 3, reason: 'x' })).toBe(false);
    expect(ok({ priority: '0', reason: 'x' })).toBe(false);
    expect(ok({ priority: 1 })).toBe(false);
    expect(ok({ priority: 1, reason: '  ' })).toBe(false);
    expect(ok({ priority: 1, reason: 'x', by: 'A' })).toBe(false);
  });
});
