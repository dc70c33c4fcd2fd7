import { namespaceFor } from './message-types';
import { type PaymentMessage, paymentMessageSchema } from './types';
import {
  accountEl,
  agentEl,
  amountEl,
  checkLength,
  checkVersion,
  MAX35,
  partyChoiceEl,
  partyEl,
  reasonEl,
  remittanceEl,
  required,
} from './write-parts';
import { el, opt, renderXml } from './xml-write';
import { Iso20022Error } from './errors';

export interface WriteHeader {
  /** ISO date-time with offset, e.g. "2026-11-26T09:30:00+08:00": given, never read from a clock. */
  creationDateTime: string;
  /** Interbank settlement date (pacs.008), YYYY-MM-DD. */
  settlementDate?: string;
  /** pacs.008 SttlmMtd: CLRG through the house (default), INDA/INGA/COVE otherwise. */
  settlementMethod?: 'CLRG' | 'INDA' | 'INGA' | 'COVE';
  /** pacs.002: the message answered (OrgnlGrpInfAndSts), e.g. a pacs.008's MsgId and "pacs.008.001.08". */
  original?: { messageId: string; messageNameId: string };
}

/**
 * Writes a pacs.008 (001.08 to 001.13: the elements written here did not change across them).
 * Every transaction needs an end-to-end id, an amount, both parties and both agents, as the
 * schema does. Reading the result gives back the same normalised message.
 */
export function writePacs008(input: PaymentMessage, header: WriteHeader): string {
  const message = paymentMessageSchema.parse(input);
  if (message.type !== 'pacs.008') throw new Iso20022Error('invalid_value', `writePacs008 given a ${message.type}`);
  checkVersion(message.version, 8, 13, 'pacs.008');
  checkLength(message.messageId, MAX35, 'messageId');
  const txs = message.transactions.map((tx, i) => {
    const where = `transactions[${i}]`;
    const endToEndId = required(tx.endToEndId, `${where}.endToEndId`);
    checkLength(endToEndId, MAX35, `${where}.endToEndId`);
    return el('CdtTrfTxInf', [
      el('PmtId', [el('EndToEndId', endToEndId), opt('UETR', tx.uetr)]),
      amountEl('IntrBkSttlmAmt', required(tx.amount, `${where}.amount`), required(tx.currency, `${where}.currency`)),
      opt('IntrBkSttlmDt', header.settlementDate),
      el('ChrgBr', 'SLEV'),
      required(partyEl('Dbtr', tx.debtor, `${where}.debtor`), `${where}.debtor`),
      accountEl('DbtrAcct', tx.debtor?.account ?? null),
      agentEl('DbtrAgt', required(tx.debtorAgent, `${where}.debtorAgent`)),
      agentEl('CdtrAgt', required(tx.creditorAgent, `${where}.creditorAgent`)),
      required(partyEl('Cdtr', tx.creditor, `${where}.creditor`), `${where}.creditor`),
      accountEl('CdtrAcct', tx.creditor?.account ?? null),
      remittanceEl(tx.remittance, where),
    ]);
  });
  const body = el('FIToFICstmrCdtTrf', [
    el('GrpHdr', [
      el('MsgId', message.messageId),
      el('CreDtTm', header.creationDateTime),
      el('NbOfTxs', String(txs.length)),
      el('SttlmInf', [el('SttlmMtd', header.settlementMethod ?? 'CLRG')]),
    ]),
    ...txs,
  ]);
  return renderXml(el('Document', [body], { xmlns: namespaceFor('pacs.008', message.version) })!);
}

/**
 * Writes a pacs.002 (001.08 to 001.14): one TxInfAndSts per transaction with its status and
 * reason; the original amount and parties go in OrgnlTxRef when known.
 */
export function writePacs002(input: PaymentMessage, header: WriteHeader): string {
  const message = paymentMessageSchema.parse(input);
  if (message.type !== 'pacs.002') throw new Iso20022Error('invalid_value', `writePacs002 given a ${message.type}`);
  checkVersion(message.version, 8, 14, 'pacs.002');
  checkLength(message.messageId, MAX35, 'messageId');
  const txs = message.transactions.map((tx, i) => {
    const where = `transactions[${i}]`;
    const status = required(tx.status, `${where}.status`);
    const hasRef =
      tx.amount !== null || tx.debtor !== null || tx.creditor !== null || tx.debtorAgent !== null || tx.creditorAgent !== null || tx.remittance !== null;
    return el('TxInfAndSts', [
      opt('OrgnlEndToEndId', tx.endToEndId),
      opt('OrgnlUETR', tx.uetr),
      el('TxSts', status),
      tx.reasonCode ? el('StsRsnInf', [reasonEl(tx.reasonCode)]) : null,
      hasRef &&
        el('OrgnlTxRef', [
          tx.amount === null ? null : amountEl('IntrBkSttlmAmt', tx.amount, required(tx.currency, `${where}.currency`)),
          remittanceEl(tx.remittance, where),
          partyChoiceEl('Dbtr', tx.debtor, `${where}.debtor`),
          accountEl('DbtrAcct', tx.debtor?.account ?? null),
          agentEl('DbtrAgt', tx.debtorAgent),
          agentEl('CdtrAgt', tx.creditorAgent),
          partyChoiceEl('Cdtr', tx.creditor, `${where}.creditor`),
          accountEl('CdtrAcct', tx.creditor?.account ?? null),
        ]),
    ]);
  });
  const original = header.original;
  const body = el('FIToFIPmtStsRpt', [
    el('GrpHdr', [el('MsgId', message.messageId), el('CreDtTm', header.creationDateTime)]),
    original ? el('OrgnlGrpInfAndSts', [el('OrgnlMsgId', original.messageId), el('OrgnlMsgNmId', original.messageNameId)]) : null,
    ...txs,
  ]);
  return renderXml(el('Document', [body], { xmlns: namespaceFor('pacs.002', message.version) })!);
}
