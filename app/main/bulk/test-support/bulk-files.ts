import { writePain001, type Pain001Payment } from '../../../shared/bulk';

/** A customer's payment line for test files: the account is made from the reference's digits. */
export const bulkPayment = (reference: string, amount: string, overrides: Partial<Pain001Payment> = {}): Pain001Payment => ({
  reference,
  creditorName: '武昌医药有限公司',
  creditorAccount: `6222${reference.replace(/\D/g, '').padStart(12, '0')}`,
  creditorBankCode: '102521000030',
  amount,
  currency: 'CNY',
  purpose: '三月货款',
  ...overrides,
});

/** The customer's pain.001 (汉口商贸有限公司 at HKB) holding `payments`. */
export const bulkPain001 = (payments: Pain001Payment[], version: '001.03' | '001.09' = '001.09', messageId = 'CORP-PAY-0001'): string =>
  writePain001({
    version,
    messageId,
    creationDateTime: '2026-11-26T08:00:00+08:00',
    requestedDate: '2026-11-26',
    debtorName: '汉口商贸有限公司',
    debtorAccount: '6222020000000001',
    debtorBankCode: '313521000011',
    payments,
  });
