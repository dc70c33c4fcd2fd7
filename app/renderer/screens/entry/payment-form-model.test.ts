import { describe, it, expect } from 'vitest';
import { amountDigits, regroupAmount, EMPTY_FORM, capitalsOf, checkForm, toCaptureInput, visibleFields, type PaymentForm } from './payment-form-model';

const context = { participantIds: new Set(['ICBC-WH', 'ABC-WH', 'SELF']), selfId: 'SELF', businessDate: '2026-11-26' };
const good: PaymentForm = {
  ...EMPTY_FORM,
  kind: 'hvps',
  priority: '1',
  to: 'ICBC-WH',
  amount: '1409.50',
  debtorName: '武汉钢铁有限公司',
  debtorAccount: '420101000123',
  creditorName: '汉口贸易公司',
  creditorAccount: '6222020200112233',
  purpose: '货款',
};

describe('payment form model', () => {
  it('shows capitals for a valid amount as typed, and none while incomplete', () => {
    expect(capitalsOf('1409.50')).toBe('壹仟肆佰零玖元伍角');
    expect(capitalsOf('6007.14')).toBe('陆仟零柒元壹角肆分');
    expect(capitalsOf('100')).toBe('壹佰元整');
    expect(capitalsOf('')).toBeNull();
    expect(capitalsOf('12.345')).toBeNull();
    expect(capitalsOf('0.00')).toBeNull();
  });

  it('builds the capture input with a decimal string amount and no bill for hvps', () => {
    expect(toCaptureInput(good)).toEqual({
      kind: 'hvps',
      priority: 1,
      to: 'ICBC-WH',
      amount: '1409.50',
      currency: 'CNY',
      debtor: { name: '武汉钢铁有限公司', account: '420101000123' },
      creditor: { name: '汉口贸易公司', account: '6222020200112233' },
      purpose: '货款',
    });
  });

  it('accepts a complete hvps payment', () => {
    expect(checkForm(good, context)).toEqual({ byField: {}, other: [] });
  });

  it('puts each problem next to its field, in both languages', () => {
    const { byField } = checkForm({ ...good, to: 'SELF', amount: '1.001', creditorAccount: '12', purpose: '' }, context);
    expect(byField.to?.messageZh).toBe('收款行不能是本行');
    expect(byField.amount?.messageZh).toBe('金额最多两位小数');
    expect(byField.creditorAccount?.path).toBe('creditor.account');
    expect(byField.purpose?.messageZh).toBe('大额支付须填写用途');
    expect(byField.debtorName).toBeUndefined();
  });

  it('asks for bill details on a bill and shows the bill fields only then', () => {
    expect(visibleFields('hvps')).not.toContain('billNumber');
    expect(visibleFields('bill')).toContain('drawer');
    const { byField } = checkForm({ ...good, kind: 'bill', billNumber: '12', issueDate: '2026-11-01', drawer: '' }, context);
    expect(byField.billNumber?.messageZh).toBe('票据号码须为 8 至 20 位数字');
    expect(byField.issueDate?.messageZh).toBe('已超过 10 天提示付款期');
    expect(byField.drawer?.messageZh).toBe('请输入出票人');
  });

  it('regroups the amount on leaving the field and sends it without separators', () => {
    expect(regroupAmount('14432000')).toBe('14,432,000.00');
    expect(regroupAmount('1409.5')).toBe('1,409.50');
    expect(regroupAmount('1409.505')).toBe('1409.505');
    expect(amountDigits(' 14,432,000.00 ')).toBe('14432000.00');
    expect(capitalsOf('1,409.50')).toBe('壹仟肆佰零玖元伍角');
    expect(toCaptureInput({ ...EMPTY_FORM, amount: '14,432,000.00' }).amount).toBe('14432000.00');
  });

  it('offers timing only with a house link, the window for HVPS only, and sends what is filled in', () => {
    expect(visibleFields('hvps')).not.toContain('valueDate');
    expect(visibleFields('hvps', true).slice(-3)).toEqual(['earliest', 'latest', 'valueDate']);
    expect(visibleFields('beps', true)).not.toContain('earliest');
    expect(visibleFields('beps', true)).toContain('valueDate');
    const timed = { ...good, earliest: '10:30', latest: '11:00', valueDate: '2026-11-27' };
    expect(toCaptureInput(timed)).toMatchObject({ earliest: '10:30', latest: '11:00', valueDate: '2026-11-27' });
    // Switched to BEPS after typing a window: the hidden window is not sent.
    const beps = toCaptureInput({ ...timed, kind: 'beps' });
    expect(beps.earliest).toBeUndefined();
    expect(beps.valueDate).toBe('2026-11-27');
    expect(toCaptureInput(good).earliest).toBeUndefined();
    const { byField } = checkForm({ ...good, earliest: '11:00', latest: '10:00' }, context);
    expect(byField.latest?.messageZh).toBe('最迟清算时间须晚于最早清算时间');
  });
});
