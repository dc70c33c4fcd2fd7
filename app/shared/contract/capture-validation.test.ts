import { describe, it, expect } from 'vitest';
import { validateCapture, type CaptureContext } from './capture-validation';
import type { CaptureInput } from './capture-input';

const context: CaptureContext = { participantIds: new Set(['HKB', 'ICBC', 'CCB']), selfId: 'HKB', businessDate: '2026-11-26' };
const good: CaptureInput = {
  kind: 'hvps',
  priority: 1,
  to: 'ICBC',
  amount: '1409.50',
  currency: 'CNY',
  debtor: { name: '武汉光谷科技有限公司', account: '4201234567890123' },
  creditor: { name: '张伟', account: '6222020200112233445' },
  purpose: '货款',
};

function pathsOf(input: CaptureInput): string[] {
  const result = validateCapture(input, context);
  if (result.ok) return [];
  for (const issue of result.issues) {
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.messageZh).toMatch(/[\u4e00-\u9fff]/);
  }
  return result.issues.map((i) => i.path);
}

describe('validateCapture', () => {
  it('accepts a good payment and gives its amount in fen', () => {
    expect(validateCapture(good, context)).toEqual({ ok: true, amountMinor: 140950n });
  });

  it.each([
    ['unknown receiving bank', { to: 'NOPE' }, ['to']],
    ['our own bank as receiver', { to: 'HKB' }, ['to']],
    ['no receiver', { to: '' }, ['to']],
    ['foreign currency', { currency: 'USD' }, ['currency']],
    ['empty amount', { amount: '' }, ['amount']],
    ['zero amount', { amount: '0.00' }, ['amount']],
    ['negative amount', { amount: '-5.00' }, ['amount']],
    ['three decimals', { amount: '1.001' }, ['amount']],
    ['exponent', { amount: '1e3' }, ['amount']],
    ['above the system limit', { amount: '1000000000000000.00' }, ['amount']],
    ['BEPS above 50,000', { kind: 'beps', amount: '50000.01' }, ['amount']],
    ['missing debtor name', { debtor: { name: '  ', account: '4201234567890123' } }, ['debtor.name']],
    ['bad creditor account', { creditor: { name: '张伟', account: '62-22 02' } }, ['creditor.account']],
    ['short creditor account', { creditor: { name: '张伟', account: '123' } }, ['creditor.account']],
    ['name too long', { creditor: { name: '张'.repeat(61), account: '6222020200112233445' } }, ['creditor.name']],
    ['purpose too long', { purpose: '款'.repeat(141) }, ['purpose']],
    ['HVPS without purpose', { purpose: ' ' }, ['purpose']],
    ['bill details on a transfer', { bill: { billNumber: '12345678', issueDate: '2026-11-20', drawer: 'x' } }, ['bill']],
    ['bill without details', { kind: 'bill' }, ['bill']],
    ['bill number not digits', { kind: 'bill', bill: { billNumber: '12AB5678', issueDate: '2026-11-20', drawer: '武汉某公司' } }, ['bill.billNumber']],
    ['bill dated in the future', { kind: 'bill', bill: { billNumber: '12345678', issueDate: '2026-11-27', drawer: '武汉某公司' } }, ['bill.issueDate']],
    ['bill past 10 days', { kind: 'bill', bill: { billNumber: '12345678', issueDate: '2026-11-15', drawer: '武汉某公司' } }, ['bill.issueDate']],
    ['bill not a real date', { kind: 'bill', bill: { billNumber: '12345678', issueDate: '2026-02-30', drawer: '武汉某公司' } }, ['bill.issueDate']],
    ['bill without drawer', { kind: 'bill', bill: { billNumber: '12345678', issueDate: '2026-11-20', drawer: '' } }, ['bill.drawer']],
  ] as [string, Partial<CaptureInput>, string[]][])('refuses %s', (_label, change, paths) => {
    expect(pathsOf({ ...good, ...change })).toEqual(paths);
  });

  it('accepts a bill on day 10 of its presentment period and BEPS at exactly 50,000', () => {
    expect(validateCapture({ ...good, kind: 'bill', bill: { billNumber: '12345678', issueDate: '2026-11-16', drawer: '武汉某公司' } }, context).ok).toBe(true);
    expect(validateCapture({ ...good, kind: 'beps', amount: '50000.00' }, context).ok).toBe(true);
  });

  it('reports every problem at once', () => {
    expect(pathsOf({ ...good, to: 'HKB', amount: 'abc', creditor: { name: '', account: '' } })).toEqual(['to', 'amount', 'creditor.name', 'creditor.account']);
  });
});

describe('validateCapture: timed and warehoused payments (DESIGN 4.1)', () => {
  it('accepts a window on HVPS and a value date up to 5 working days ahead; blank fields mean none', () => {
    // 2026-11-26 is a Thursday: +5 working days is Thursday 2026-12-03.
    expect(validateCapture({ ...good, earliest: '10:00', latest: '11:30', valueDate: '2026-12-03' }, context).ok).toBe(true);
    expect(validateCapture({ ...good, earliest: ' ', latest: '', valueDate: '' }, context).ok).toBe(true);
  });

  it('refuses what the house refuses, on the field concerned', () => {
    expect(pathsOf({ ...good, earliest: '11:00', latest: '10:00' })).toEqual(['latest']);
    expect(pathsOf({ ...good, earliest: '9:00' })).toEqual(['earliest']);
    expect(pathsOf({ ...good, kind: 'beps', earliest: '10:00' })).toEqual(['earliest']);
    expect(pathsOf({ ...good, valueDate: '2026-11-28' })).toEqual(['valueDate']); // a Saturday
    expect(pathsOf({ ...good, valueDate: '2026-12-04' })).toEqual(['valueDate']); // 6 working days
    expect(pathsOf({ ...good, valueDate: '2026-11-25' })).toEqual(['valueDate']); // yesterday
    // A latest already passed on the business clock, today only.
    const at1030 = { ...context, nowMinute: 10 * 60 + 30 };
    expect(validateCapture({ ...good, latest: '10:30' }, at1030).ok).toBe(false);
    expect(validateCapture({ ...good, latest: '10:30', valueDate: '2026-11-27' }, at1030).ok).toBe(true);
  });

  it('reads a working weekend and a holiday from the calendar it is given', () => {
    const calendar = { holidays: new Map([['2026-11-27', '测试假日']]), workingWeekends: new Map([['2026-11-28', '调休']]) };
    const withCalendar = { ...context, calendar };
    expect(validateCapture({ ...good, valueDate: '2026-11-28' }, withCalendar).ok).toBe(true);
    expect(validateCapture({ ...good, valueDate: '2026-11-27' }, withCalendar).ok).toBe(false);
  });
});
