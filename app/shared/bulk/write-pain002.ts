import { Iso20022Error } from '../iso20022/errors';
import { findDocument } from '../iso20022/read';
import { accountEl, amountEl, reasonEl } from '../iso20022/write-parts';
import { child, childrenNamed, parseXmlTree, textAt } from '../iso20022/xml-tree';
import { el, opt, renderXml } from '../iso20022/xml-write';

/**
 * pain.002 (CstmrPmtStsRpt): the bank tells the corporate customer what became of each line
 * of its pain.001 (or CSV) batch. Written as pain.002.001.03 for a 001.03 import and 001.10
 * otherwise (the versions that pair with pain.001.001.03 and .09).
 */
export interface Pain002Line {
  /** The line of the file (StsId), so a CSV batch, which has no ids, is answered too. */
  line: number;
  reference: string | null;
  /** ACSC settled, ACSP in process, RJCT refused (invalid, dropped, rejected, expired), PDNG waiting to be verified. */
  status: 'ACSC' | 'ACSP' | 'RJCT' | 'PDNG';
  reasonCode: string | null;
  reasonText: string | null;
  amount: string | null;
  currency: string | null;
  creditorName: string | null;
  creditorAccount: string | null;
}

export interface Pain002Report {
  version: '001.03' | '001.10';
  messageId: string;
  creationDateTime: string;
  originalMessageId: string;
  originalMessageNameId: string;
  originalCount: number;
  /** Group status: ACSC all settled, RJCT all refused, PART some of each, ACSP still in process. */
  groupStatus: 'ACSC' | 'RJCT' | 'PART' | 'ACSP';
  paymentInformationId: string;
  lines: Pain002Line[];
}

const clip = (text: string | null, max: number) => (text === null ? null : text.length > max ? text.slice(0, max) : text);

export function writePain002(report: Pain002Report): string {
  const modern = report.version === '001.10';
  const transactions = report.lines.map((l) =>
    el('TxInfAndSts', [
      el('StsId', String(l.line)),
      opt('OrgnlEndToEndId', clip(l.reference, 35) ?? 'NOTPROVIDED'),
      el('TxSts', l.status),
      l.reasonCode === null && l.reasonText === null ? null : el('StsRsnInf', [reasonEl(l.reasonCode), opt('AddtlInf', clip(l.reasonText, 105))]),
      el('OrgnlTxRef', [
        l.amount === null || l.currency === null ? null : el('Amt', [amountEl('InstdAmt', l.amount, l.currency)]),
        l.creditorName === null ? null : modern ? el('Cdtr', [el('Pty', [el('Nm', clip(l.creditorName, 140) as string)])]) : el('Cdtr', [el('Nm', clip(l.creditorName, 140) as string)]),
        accountEl('CdtrAcct', l.creditorAccount),
      ]),
    ]),
  );
  const body = el('CstmrPmtStsRpt', [
    el('GrpHdr', [el('MsgId', clip(report.messageId, 35) as string), el('CreDtTm', report.creationDateTime)]),
    el('OrgnlGrpInfAndSts', [
      el('OrgnlMsgId', clip(report.originalMessageId, 35) as string),
      el('OrgnlMsgNmId', report.originalMessageNameId),
      el('OrgnlNbOfTxs', String(report.originalCount)),
      el('GrpSts', report.groupStatus),
    ]),
    el('OrgnlPmtInfAndSts', [el('OrgnlPmtInfId', clip(report.paymentInformationId, 35) as string), ...transactions]),
  ]);
  return renderXml(el('Document', [body], { xmlns: `urn:iso:std:iso:20022:tech:xsd:pain.002.${report.version}` })!);
}

/** Reads a pain.002 back to its lines (tests, and a customer's side of the exchange). */
export function readPain002(xml: string): { groupStatus: string | null; originalMessageId: string | null; lines: Pain002Line[] } {
  const document = findDocument(parseXmlTree(xml));
  if (!document.ns || !/^urn:iso:std:iso:20022:tech:xsd:pain\.002\.001\.(03|10)$/.test(document.ns)) {
    throw new Iso20022Error('unknown_namespace', 'not a pain.002.001.03 or 001.10 document');
  }
  const body = child(document, 'CstmrPmtStsRpt');
  const lines = childrenNamed(child(body, 'OrgnlPmtInfAndSts'), 'TxInfAndSts').map((tx): Pain002Line => {
    const ref = child(tx, 'OrgnlTxRef');
    const amount = child(child(ref, 'Amt'), 'InstdAmt');
    const reference = textAt(tx, 'OrgnlEndToEndId');
    return {
      line: Number(textAt(tx, 'StsId')),
      reference: reference === 'NOTPROVIDED' ? null : reference,
      status: textAt(tx, 'TxSts') as Pain002Line['status'],
      reasonCode: textAt(tx, 'StsRsnInf', 'Rsn', 'Cd') ?? textAt(tx, 'StsRsnInf', 'Rsn', 'Prtry'),
      reasonText: textAt(tx, 'StsRsnInf', 'AddtlInf'),
      amount: amount?.text ?? null,
      currency: amount?.attrs.Ccy ?? null,
      creditorName: textAt(ref, 'Cdtr', 'Pty', 'Nm') ?? textAt(ref, 'Cdtr', 'Nm'),
      creditorAccount: textAt(ref, 'CdtrAcct', 'Id', 'Othr', 'Id') ?? textAt(ref, 'CdtrAcct', 'Id', 'IBAN'),
    };
  });
  return { groupStatus: textAt(body, 'OrgnlGrpInfAndSts', 'GrpSts'), originalMessageId: textAt(body, 'OrgnlGrpInfAndSts', 'OrgnlMsgId'), lines };
}
