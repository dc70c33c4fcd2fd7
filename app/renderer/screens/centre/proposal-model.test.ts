import { describe, expect, it } from 'vitest';
import { EMPTY_FIELDS, FORM_TYPES, buildPayload, decisionBlock, payloadSummary } from './proposal-model';

describe('the proposal form', () => {
  it('builds a net debit cap change and checks it with the house schema', () => {
    expect(buildPayload('netDebitCap.set', { ...EMPTY_FIELDS, participantId: 'HKB', amount: '80,000.00' })).toEqual({ ok: true, payload: { participantId: 'HKB', netDebitCap: '80000.00' } });
    const bad = buildPayload('netDebitCap.set', { ...EMPTY_FIELDS, participantId: 'HKB', amount: '-1' });
    expect(bad.ok).toBe(false);
    expect(buildPayload('netDebitCap.set', { ...EMPTY_FIELDS, amount: '1.00' }).ok).toBe(false);
  });
  it('builds a schedule from its times, or removes a day', () => {
    expect(buildPayload('schedule.set', EMPTY_FIELDS)).toEqual({
      ok: true,
      payload: { day: 'default', schedule: { opening: '08:30', customerCutoff: '16:00', interbankCutoff: '17:00', cycleTimes: ['10:00', '12:00', '14:00', '16:00'], endOfDay: '17:30' } },
    });
    expect(buildPayload('schedule.set', { ...EMPTY_FIELDS, day: '2026-12-31', removeDay: true })).toEqual({ ok: true, payload: { day: '2026-12-31', schedule: null } });
    // The customer cut-off after the interbank one is the house's refusal, caught here first.
    expect(buildPayload('schedule.set', { ...EMPTY_FIELDS, customerCutoff: '17:30' }).ok).toBe(false);
  });
  it('needs a reason to suspend, nothing to close a cycle, and valid JSON for a calendar', () => {
    expect(buildPayload('participant.suspend', { ...EMPTY_FIELDS, participantId: 'HKB', reason: ' ' }).ok).toBe(false);
    expect(buildPayload('cycle.close', EMPTY_FIELDS)).toEqual({ ok: true, payload: {} });
    expect(buildPayload('endOfDay', EMPTY_FIELDS)).toEqual({ ok: true, payload: {} });
    expect(buildPayload('calendar.set', { ...EMPTY_FIELDS, calendarJson: '{nope' }).ok).toBe(false);
  });
  it('offers every maker-checker action of issue 12, each built as the house takes it (centre-proposal-types.test.ts sends these)', () => {
    expect([...FORM_TYPES].sort()).toEqual(['calendar.set', 'creditLine.set', 'cycle.close', 'endOfDay', 'liquidity.set', 'netDebitCap.set', 'participant.create', 'participant.resume', 'participant.suspend', 'schedule.set']);
    const f = { ...EMPTY_FIELDS, participantId: 'B' };
    expect(buildPayload('participant.create', { ...f, newId: 'D', newName: '汉口农商银行', newBankCode: '105521000014', newBalance: '1,000.00', amount: '100.00' })).toEqual({
      ok: true,
      payload: { id: 'D', name: '汉口农商银行', bankCode: '105521000014', balance: '1000.00', netDebitCap: '100.00' },
    });
    expect(buildPayload('participant.create', { ...f, newId: 'D', newName: 'x', newBankCode: '10552100001', newBalance: '1.00', amount: '1.00' }).ok).toBe(false);
    expect(buildPayload('participant.suspend', { ...f, participantId: 'C', reason: '未足额缴存' })).toEqual({ ok: true, payload: { participantId: 'C', reason: '未足额缴存' } });
    expect(buildPayload('participant.resume', { ...f, participantId: 'C' })).toEqual({ ok: true, payload: { participantId: 'C' } });
    expect(buildPayload('netDebitCap.set', { ...f, amount: '321.00' })).toEqual({ ok: true, payload: { participantId: 'B', netDebitCap: '321.00' } });
    expect(buildPayload('creditLine.set', { ...f, amount: '200.00' })).toEqual({ ok: true, payload: { participantId: 'B', line: '200.00' } });
    expect(buildPayload('liquidity.set', { ...f, amount: '5,000.00' })).toEqual({ ok: true, payload: { participantId: 'B', balance: '5000.00' } });
    expect(buildPayload('schedule.set', { ...f, cycleTimes: '12:00' })).toEqual({
      ok: true,
      payload: { day: 'default', schedule: { opening: '08:30', customerCutoff: '16:00', interbankCutoff: '17:00', cycleTimes: ['12:00'], endOfDay: '17:30' } },
    });
    const calendar = { year: 2026, source: 'test', holidays: [{ date: '2026-12-08', name: '测试假日' }], workingWeekends: [] };
    expect(buildPayload('calendar.set', { ...f, calendarJson: JSON.stringify(calendar) })).toEqual({ ok: true, payload: { calendar } });
    expect(buildPayload('endOfDay', { ...f, nextBusinessDate: '2026-12-09' })).toEqual({ ok: true, payload: { nextBusinessDate: '2026-12-09' } });
  });
  it('summarises payloads in one line', () => {
    const money = (a: string) => `¥${a}`;
    expect(payloadSummary('netDebitCap.set', { participantId: 'HKB', netDebitCap: '80.00' }, money)).toBe('HKB → ¥80.00');
    expect(payloadSummary('liquidity.set', { participantId: 'A', amount: '-5.00' }, money)).toBe('A ¥-5.00');
    expect(payloadSummary('schedule.set', { day: 'default', schedule: null }, money)).toBe('default: —');
  });
  it('lets only another supervisor decide, and says why not to everyone else', () => {
    const pending = { proposer: 'op', status: 'pending' };
    expect(decisionBlock(pending, 'sup', true, false)).toBeNull();
    expect(decisionBlock({ ...pending, proposer: 'sup' }, 'sup', true, false)).toBe('centre.proposals.why.samePerson');
    expect(decisionBlock(pending, 'op2', false, false)).toBe('centre.proposals.why.operator');
    expect(decisionBlock(pending, 'aud', false, true)).toBe('centre.proposals.why.auditor');
    expect(decisionBlock({ ...pending, status: 'approved' }, 'sup', true, false)).toBe('centre.proposals.why.decided');
  });
});
