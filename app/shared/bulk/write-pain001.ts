import { el, opt, renderXml } from '../iso20022/xml-write';
import { accountEl, amountEl } from '../iso20022/write-parts';

/** One payment of a pain.001 a customer (or a test, or the bench) writes. */
export interface Pain001Payment {
  reference: string;
  creditorName: string;
  creditorAccount: string;
  creditorBankCode: string;
  amount: string;
  currency: string;
  purpose: string;
}

export interface Pain001Input {
  version: '001.03' | '001.09';
  messageId: string;
  creationDateTime: string;
  requestedDate: string;
  debtorName: string;
  debtorAccount: string;
  debtorBankCode: string;
  payments: Pain001Payment[];
  /** Written as GrpHdr/CtrlSum when given. */
  controlSum?: string;
}

/**
 * Writes a pain.001 with one PmtInf (the customer's account) and one CdtTrfTxInf per payment,
 * agents as CNAPS member ids. readPain001 reads it back to the same fields.
 */
export function writePain001(input: Pain001Input): string {
  const modern = input.version === '001.09';
  const agent = (name: string, code: string) => el(name, [el('FinInstnId', [el('ClrSysMmbId', [el('MmbId', code)])])]);
  const body = el('CstmrCdtTrfInitn', [
    el('GrpHdr', [
      el('MsgId', input.messageId),
      el('CreDtTm', input.creationDateTime),
      el('NbOfTxs', String(input.payments.length)),
      opt('CtrlSum', input.controlSum),
      el('InitgPty', [el('Nm', input.debtorName)]),
    ]),
    el('PmtInf', [
      el('PmtInfId', `${input.messageId}-1`.slice(0, 35)),
      el('PmtMtd', 'TRF'),
      modern ? el('ReqdExctnDt', [el('Dt', input.requestedDate)]) : el('ReqdExctnDt', input.requestedDate),
      el('Dbtr', [el('Nm', input.debtorName)]),
      accountEl('DbtrAcct', input.debtorAccount),
      agent('DbtrAgt', input.debtorBankCode),
      ...input.payments.map((p) =>
        el('CdtTrfTxInf', [
          el('PmtId', [el('EndToEndId', p.reference)]),
          el('Amt', [amountEl('InstdAmt', p.amount, p.currency)]),
          agent('CdtrAgt', p.creditorBankCode),
          el('Cdtr', [el('Nm', p.creditorName)]),
          accountEl('CdtrAcct', p.creditorAccount),
          el('RmtInf', [el('Ustrd', p.purpose)]),
        ]),
      ),
    ]),
  ]);
  return renderXml(el('Document', [body], { xmlns: `urn:iso:std:iso:20022:tech:xsd:pain.001.${input.version}` })!);
}
