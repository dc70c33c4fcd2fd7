import { describe, it, expect } from 'vitest';
import { formatAmount } from '../../app/shared/money/format';
import { parsePushRequest, fastCheckPushRequest } from '../../app/shared/contract/push-fast-check';
import { fastCheckPaymentPayload } from '../../app/shared/domain/payment-fast-check';
import { paymentPayloadSchema } from '../../app/shared/contract/sync-protocol';
import { pushBodyJson, submitMutationJson, type SubmitFields } from './push-body';

/** The mutation as the generator built it before: an object through JSON.stringify. */
function viaStringify(f: SubmitFields): string {
  const payload = {
    id: f.id,
    kind: f.hvps ? 'hvps' : 'beps',
    priority: 2,
    to: f.to,
    amount: formatAmount(f.amountMinor, 'CNY'),
    currency: 'CNY',
    debtor: { name: '汉口商贸有限公司', account: `62220200${String(f.index % 1e8).padStart(8, '0')}` },
    creditor: { name: '武昌医药有限公司', account: '6222020000000002' },
    purpose: '货款',
  };
  return JSON.stringify({ seq: f.seq, id: f.id, type: 'payment.submit', payload });
}

const samples: SubmitFields[] = [
  { seq: 1, id: 'LB001-0', index: 0, to: 'B002', amountMinor: 100n, hvps: true },
  { seq: 2, id: 'LB001-1', index: 1, to: 'B050', amountMinor: 5n, hvps: false },
  { seq: 7_000, id: 'LB049-123456789', index: 123_456_789, to: 'B001', amountMinor: 20_000_000n, hvps: false },
];

describe('push bodies written as text', () => {
  it('is the same text as JSON.stringify of the mutation', () => {
    for (const f of samples) expect(submitMutationJson(f)).toBe(viaStringify(f));
  });

  it('makes a push the house takes on its fast path, payloads used as sent', () => {
    const outbox = samples.map((f, k) => ({ body: submitMutationJson({ ...f, seq: 10 + k }) }));
    const body = JSON.parse(pushBodyJson('load-B001', outbox, 0, outbox.length)) as unknown;
    expect(fastCheckPushRequest(body)).toBeDefined();
    const parsed = parsePushRequest(body);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.deviceId).toBe('load-B001');
    expect(parsed.data.mutations.map((m) => m.seq)).toEqual([10, 11, 12]);
    for (const m of parsed.data.mutations) {
      expect(fastCheckPaymentPayload(m.payload)?.payload).toBe(m.payload);
      expect(paymentPayloadSchema.parse(m.payload)).toEqual(m.payload);
    }
  });

  it('takes a run from the middle of the outbox without copying it', () => {
    const outbox = [{ body: '{"a":1}' }, { body: '{"b":2}' }, { body: '{"c":3}' }];
    expect(JSON.parse(pushBodyJson('d', outbox, 1, 2))).toEqual({ protocolVersion: 1, deviceId: 'd', mutations: [{ b: 2 }, { c: 3 }] });
    expect(JSON.parse(pushBodyJson('d', outbox, 0, 1))).toEqual({ protocolVersion: 1, deviceId: 'd', mutations: [{ a: 1 }] });
  });

  it('refuses what it would have to escape, and runs outside the outbox', () => {
    const base = samples[0] as SubmitFields;
    expect(() => submitMutationJson({ ...base, id: 'L"1' })).toThrow(/escaping/);
    expect(() => submitMutationJson({ ...base, to: 'B\\1' })).toThrow(/escaping/);
    expect(() => submitMutationJson({ ...base, seq: 0 })).toThrow(/seq/);
    expect(() => pushBodyJson('dev ice', [{ body: '{}' }], 0, 1)).toThrow(/escaping/);
    expect(() => pushBodyJson('d', [{ body: '{}' }], 0, 2)).toThrow(/out of/);
    expect(() => pushBodyJson('d', [{ body: '{}' }], 0, 0)).toThrow(/out of/);
  });
});
