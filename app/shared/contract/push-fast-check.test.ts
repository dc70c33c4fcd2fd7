import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pushRequestSchema } from './sync-protocol';
import { fastCheckPushRequest, parsePushRequest } from './push-fast-check';

/**
 * The push fast path may only accept what pushRequestSchema accepts, and then its output must
 * equal the schema's. Hostile envelopes and mutations; what it leaves alone goes to zod.
 */
const mutation = (seq: number) => ({ seq, id: `P-${seq}`, type: 'payment.submit', payload: { any: 'thing', n: seq } });
const VALID = { protocolVersion: 1, deviceId: 'dev-1', mutations: [mutation(5), mutation(6), mutation(7)] };

const junk = [null, undefined, 0, -0, 1, 1.5, -1, NaN, Infinity, '', ' ', 'x', true, [], {}, [1], { a: 1 }];
const envelopePools: Record<string, unknown[]> = {
  protocolVersion: [1, 2, 0, '1', ...junk],
  deviceId: ['dev-1', 'a:b.c_d-e', 'x'.repeat(64), 'x'.repeat(65), 'bad id', 'ü', ...junk],
  extra: [1, undefined],
};
const mutationPools: Record<string, unknown[]> = {
  seq: [1, 2, 8, 9, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, '6', ...junk],
  id: ['P-1', '', 'x'.repeat(64), 'x'.repeat(65), 'any text at all', ...junk],
  type: ['payment.submit', 'payment.cancel', 'liquidity.reserve', 'message.inquire', 'payment.unknown', ...junk],
  payload: [undefined, null, { reason: 'r' }, 'text', ...junk],
  extra: [1],
};

const pick = (pools: Record<string, unknown[]>) =>
  fc.record(Object.fromEntries(Object.entries(pools).map(([key, values]) => [key, fc.constantFrom(...values)])) as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] });

function withSwaps(base: Record<string, unknown>, hostile: fc.Arbitrary<Record<string, unknown>>) {
  return hostile.chain((h) =>
    fc.tuple(fc.subarray(Object.keys(h), { maxLength: Math.min(2, Object.keys(h).length) }), fc.subarray(Object.keys(base), { maxLength: 1 })).map(([swapped, dropped]) => {
      const out: Record<string, unknown> = { ...base };
      for (const key of dropped) delete out[key];
      for (const key of swapped) out[key] = h[key];
      return out;
    }),
  );
}

const pushArb = fc
  .tuple(
    withSwaps(VALID, pick(envelopePools)),
    fc.array(fc.tuple(fc.nat({ max: 2 }), withSwaps(mutation(6), pick(mutationPools))), { maxLength: 3 }),
    fc.integer({ min: 0, max: 1002 }),
  )
  .map(([envelope, swaps, length]) => {
    if (!Array.isArray(envelope.mutations)) return envelope;
    // Sometimes a long run (the count limit), sometimes a few mutations swapped for hostile ones.
    const mutations: unknown[] = length > 990 ? Array.from({ length }, (_, i) => mutation(i + 1)) : envelope.mutations.map((m) => ({ ...(m as object) }));
    for (const [at, m] of swaps) if (at < mutations.length) mutations[at] = m;
    return { ...envelope, mutations };
  });

function agrees(body: unknown): boolean {
  const fast = fastCheckPushRequest(body);
  if (fast === undefined) return false;
  const zod = pushRequestSchema.safeParse(body);
  expect(zod.success, JSON.stringify(body)?.slice(0, 300)).toBe(true);
  if (zod.success) expect(fast).toStrictEqual(zod.data);
  return true;
}

describe('fastCheckPushRequest', () => {
  it('accepts a run of payment.submit mutations as the schema does', () => {
    expect(agrees(VALID)).toBe(true);
    expect(agrees({ ...VALID, mutations: Array.from({ length: 1000 }, (_, i) => mutation(i + 1)) })).toBe(true);
  });

  it('on hostile bodies it never accepts what the schema refuses, nor outputs anything else', () => {
    let accepted = 0;
    let schemaAccepted = 0;
    fc.assert(
      fc.property(pushArb, (body) => {
        if (agrees(body)) accepted += 1;
        if (pushRequestSchema.safeParse(body).success) schemaAccepted += 1;
      }),
      { numRuns: 1000 },
    );
    expect(accepted).toBeGreaterThan(schemaAccepted * 0.3);
  });

  it('on anything at all it never accepts what the schema refuses', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true }), (body) => void agrees(body)), { numRuns: 2000 });
  });

  it('leaves other mutation types, gaps and absent payloads to the schema, which keeps its messages', () => {
    const cancel = { ...VALID, mutations: [{ seq: 1, id: 'P-1', type: 'payment.cancel', payload: { reason: 'r' } }] };
    expect(fastCheckPushRequest(cancel)).toBeUndefined();
    expect(parsePushRequest(cancel)).toStrictEqual(pushRequestSchema.safeParse(cancel));
    const gap = { ...VALID, mutations: [mutation(1), mutation(3)] };
    expect(fastCheckPushRequest(gap)).toBeUndefined();
    const refused = parsePushRequest(gap);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('mutation seqs in one push must be consecutive');
    expect(fastCheckPushRequest({ ...VALID, mutations: [{ seq: 1, id: 'P-1', type: 'payment.submit' }] })).toBeUndefined();
  });
});
