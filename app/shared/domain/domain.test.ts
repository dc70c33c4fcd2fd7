import { describe, expect, it } from 'vitest';
import { bankCodeSchema, cityCodeOf, WUHAN_CITY_CODE } from './bank-code';
import { paymentPayloadSchema } from './payment';
import { addWorkingDays, isBusinessDate } from './calendar';
import { decimalAmountSchema } from './amount-schema';

describe('bank codes (行号)', () => {
  it('accepts 12 digits with a known bank category', () => {
    expect(bankCodeSchema.safeParse('313521000011').success).toBe(true);
    expect(cityCodeOf('102521000013')).toBe(WUHAN_CITY_CODE);
  });
  it.each(['31352100001', '3135210000111', '31352100001a', '999521000011', ''])('refuses %j', (code) => {
    expect(bankCodeSchema.safeParse(code).success).toBe(false);
  });
});

describe('payment payload', () => {
  const good = {
    id: 'HK-dev1-1',
    kind: 'hvps',
    priority: 2,
    to: 'ICBC',
    amount: '1409.50',
    currency: 'CNY',
    debtor: { name: '武汉长江贸易有限公司', account: '6222021001001234' },
    creditor: { name: '湖北光谷科技有限公司', account: '4100200300400' },
    purpose: '货款',
  };
  it('accepts a well-formed hvps payment', () => {
    expect(paymentPayloadSchema.safeParse(good).success).toBe(true);
  });
  it.each([
    ['a zero amount', { amount: '0.00' }],
    ['a float-looking amount', { amount: '1e3' }],
    ['too many decimals', { amount: '1.001' }],
    ['an unknown kind', { kind: 'wire' }],
    ['a priority of 3', { priority: 3 }],
    ['an unknown field naming a sender', { from: 'CMB' }],
    ['an empty creditor name', { creditor: { name: ' ', account: '4100200300400' } }],
  ])('refuses %s', (_label, patch) => {
    expect(paymentPayloadSchema.safeParse({ ...good, ...patch }).success).toBe(false);
  });
});

describe('calendar', () => {
  it('knows real dates', () => {
    expect(isBusinessDate('2026-02-28')).toBe(true);
    expect(isBusinessDate('2026-02-29')).toBe(false);
  });
  it('counts working days past weekends and holidays', () => {
    // Thursday 2026-11-26 + 5 working days = Thursday 2026-12-03.
    expect(addWorkingDays('2026-11-26', 5)).toBe('2026-12-03');
    expect(addWorkingDays('2026-11-26', 5, new Set(['2026-11-27']))).toBe('2026-12-04');
  });
});

describe('decimal amount schema', () => {
  it('refuses what the money parser refuses', () => {
    expect(decimalAmountSchema.safeParse('-0.00').success).toBe(false);
    expect(decimalAmountSchema.safeParse('12.30').success).toBe(true);
  });
});

describe('initial business date', () => {
  it('is the clearing centre date (UTC+8), moved back to the last working day', async () => {
    const { initialBusinessDate } = await import('./calendar');
    // 2026-11-26 18:00 UTC is already Friday 27 November in Wuhan.
    expect(initialBusinessDate(new Date('2026-11-26T18:00:00Z'))).toBe('2026-11-27');
    expect(initialBusinessDate(new Date('2026-11-26T15:59:00Z'))).toBe('2026-11-26');
    // Saturday 28 November in Wuhan opens Friday's business day.
    expect(initialBusinessDate(new Date('2026-11-28T03:00:00Z'))).toBe('2026-11-27');
  });
});
