import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paymentPayloadSchema } from './payment';
import { fastCheckPaymentPayload } from './payment-fast-check';
import { tryParseAmount } from '../money/parse';

/**
 * The fast path may only ever say "accepted, and here is the schema's output": on any input it
 * accepts, paymentPayloadSchema accepts too and outputs the same value (same JSON, so the same
 * key order in the stored details). Hostile values for every field, keys dropped and added.
 */
const VALID = {
  id: 'HKB-dev1-1',
  kind: 'hvps',
  priority: 2,
  to: 'B',
  amount: '1234.50',
  currency: 'CNY',
  debtor: { name: '汉口商贸有限公司', account: '6222020000000001' },
  creditor: { name: '武昌医药有限公司', account: '6222020000000002' },
  purpose: '货款',
};

const junk = [null, undefined, 0, -0, 1, 2, 3, 1.5, -1, NaN, Infinity, '', ' ', 'x', true, [], {}, [1], { a: 1 }, '0', '1', '2'];
const long = (n: number, ch = 'a') => ch.repeat(n);
const pools: Record<string, unknown[]> = {
  id: ['A-1', 'HKB-dev1-1', 'a:b.c_d-e', long(64, 'x'), long(65, 'x'), 'with space', 'ü', '__proto__', 'a\n', ...junk],
  kind: ['hvps', 'beps', 'bill', 'return', 'HVPS', 'other', ...junk],
  priority: [0, 1, 2, 3, -0, '1', 0.5, ...junk],
  to: ['B', 'A', 'b.c_d-e', long(32, 'B'), long(33, 'B'), '__proto__', 'constructor', 'prototype', 'toString', 'B:C', 'B ', ...junk],
  amount: ['1234.50', '1', '0.01', '0', '0.00', '-1', '-0', '1.234', '1.', '.5', '01', '1e3', ' 1', '1,000.00', '99999999999999999999999', '1.5', long(40, '9'), ...junk],
  currency: ['CNY', 'USD', 'JPY', 'cny', 'XXX', 'toString', '__proto__', ...junk],
  debtor: [
    VALID.debtor,
    { name: '  padded  ', account: '123456' },
    { name: ' ', account: '123456' },
    { name: long(140), account: '123456' },
    { name: ` ${long(140)} `, account: '123456' },
    { name: long(141), account: '123456' },
    { name: 'n', account: '12345' },
    { name: 'n', account: long(34, '1') },
    { name: 'n', account: long(35, '1') },
    { name: 'n', account: '12 3456' },
    { name: 'n', account: 'AB-12cd' },
    { name: 'n' },
    { account: '123456' },
    { name: 'n', account: '123456', extra: 1 },
    { name: 1, account: '123456' },
    ...junk,
  ],
  purpose: ['货款', '', '  ', ` ${long(140)} `, long(141), '\t tab \n', 1, null],
  originalId: ['A-2', '', 'bad id', long(65), 1],
  earliest: ['09:30', '23:59', '24:00', '9:30', '09:60', '', 1],
  latest: ['17:00', '00:00', '17:00 ', 1],
  valueDate: ['2026-12-08', '2026-1-08', 'tomorrow', '', 1],
  presentedBy: [{ billNumber: '12345678', issueDate: '2026-12-01', drawer: 'x' }],
  from: ['A'],
  sender: ['A'],
  extra: [1],
};

const payloadArb = fc
  .record(
    Object.fromEntries(Object.entries(pools).map(([key, values]) => [key, fc.constantFrom(...values)])) as Record<string, fc.Arbitrary<unknown>>,
    { requiredKeys: [] },
  )
  .chain((hostile) =>
    // Mostly the valid payload with a few fields swapped, so acceptance is exercised too.
    fc.subarray(Object.keys(hostile), { maxLength: Math.min(3, Object.keys(hostile).length) }).chain((swapped) =>
      fc.subarray(Object.keys(VALID), { maxLength: 2 }).map((dropped) => {
        const out: Record<string, unknown> = { ...VALID };
        for (const key of dropped) delete out[key];
        for (const key of swapped) out[key] = hostile[key];
        return out;
      }),
    ),
  );

function agrees(raw: unknown): boolean {
  const fast = fastCheckPaymentPayload(raw);
  if (fast === undefined) return false;
  const zod = paymentPayloadSchema.safeParse(raw);
  expect(zod.success, JSON.stringify(raw)).toBe(true);
  if (!zod.success) return true;
  expect(fast.payload).toStrictEqual(zod.data);
  expect(JSON.stringify(fast.payload)).toBe(JSON.stringify(zod.data));
  const amount = tryParseAmount(zod.data.amount, zod.data.currency);
  expect(amount.ok && amount.amountMinor).toBe(fast.amountMinor);
  return true;
}

describe('fastCheckPaymentPayload', () => {
  it('accepts the common payment with the schema output and the amount in minor units', () => {
    const fast = fastCheckPaymentPayload(VALID);
    expect(fast?.amountMinor).toBe(123450n);
    expect(agrees(VALID)).toBe(true);
    expect(agrees({ ...VALID, debtor: { name: '  padded  ', account: '123456' }, purpose: ' 货款 ', earliest: '09:30', latest: '17:00', valueDate: '2026-12-08', originalId: 'X-1' })).toBe(true);
    expect(agrees({ ...VALID, currency: 'JPY', amount: '1200' })).toBe(true);
  });

  it('on hostile payloads it never accepts what the schema refuses, nor outputs anything else', () => {
    let accepted = 0;
    let schemaAccepted = 0;
    fc.assert(
      fc.property(payloadArb, (raw) => {
        if (agrees(raw)) accepted += 1;
        if (paymentPayloadSchema.safeParse(raw).success) schemaAccepted += 1;
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: most payloads the schema accepts take the fast path.
    expect(accepted).toBeGreaterThan(schemaAccepted * 0.5);
  });

  it('on anything at all it never accepts what the schema refuses', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (raw) => {
        agrees(raw);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves bills with presentedBy, sender fields and unknown keys to the schema', () => {
    expect(fastCheckPaymentPayload({ ...VALID, kind: 'bill', presentedBy: { billNumber: '12345678', issueDate: '2026-12-01', drawer: 'x' } })).toBeUndefined();
    expect(fastCheckPaymentPayload({ ...VALID, from: 'A' })).toBeUndefined();
    expect(fastCheckPaymentPayload(Object.assign(Object.create({ inherited: 1 }), VALID))).toBeUndefined();
  });
});

describe('fastCheckPaymentPayload reuse', () => {
  it('hands back the payload as sent only when it is already the schema output (key order, trimmed)', () => {
    const sent = JSON.parse(JSON.stringify(VALID)) as Record<string, unknown>;
    expect(fastCheckPaymentPayload(sent)?.payload).toBe(sent);
    const reordered = JSON.parse(JSON.stringify({ ...VALID, debtor: { account: '6222020000000001', name: 'n' } })) as Record<string, unknown>;
    const rebuilt = fastCheckPaymentPayload(reordered)?.payload;
    expect(rebuilt).not.toBe(reordered);
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(paymentPayloadSchema.parse(reordered)));
    const padded = JSON.parse(JSON.stringify({ ...VALID, purpose: ' x ' })) as Record<string, unknown>;
    expect(fastCheckPaymentPayload(padded)?.payload).not.toBe(padded);
    // purpose first: accepted, rebuilt in the schema's order.
    const { purpose, ...rest } = VALID;
    const purposeFirst = { purpose, ...rest };
    expect(agrees(purposeFirst)).toBe(true);
    expect(fastCheckPaymentPayload(purposeFirst)?.payload).not.toBe(purposeFirst);
  });
});
