import { describe, it, expect } from 'vitest';
import { changeSchema, pullAnswerSchema, pullQuerySchema, pushRequestSchema, pushResponseSchema } from './sync-protocol';

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
});
