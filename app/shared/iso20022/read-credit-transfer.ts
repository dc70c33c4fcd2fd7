import { Iso20022Error } from './errors';
import { identifyNamespace, ROOT_ELEMENT } from './message-types';
import { findDocument } from './read';
import { readPacs } from './read-pacs';
import type { PaymentTransaction } from './types';
import { at, child, childrenNamed, parseXmlTree, textAt, type XmlElement } from './xml-tree';

/** One credit transfer as a clearing house needs it: the normalised fields plus how to clear it. */
export interface CreditTransferInstruction extends PaymentTransaction {
  instructionId: string | null;
  /** Priority3Code of SttlmPrty (URGT, HIGH, NORM), else Priority2Code of PmtTpInf/InstrPrty. */
  priority: string | null;
  /** PmtTpInf/ClrChanl (RTGS, RTNS, MPNS, BOOK) of the transaction, else of the group header. */
  clearingChannel: string | null;
  /** PmtTpInf/LclInstrm Cd or Prtry (CNAPS: HVPS, BEPS), transaction first. */
  localInstrument: string | null;
  /** IntrBkSttlmDt of the transaction, else of the group header. */
  settlementDate: string | null;
}

export interface CreditTransferMessage {
  type: 'pacs.008';
  version: string;
  messageId: string;
  /** GrpHdr/NbOfTxs as given (null when absent); the caller checks it against the count. */
  declaredCount: number | null;
  /** GrpHdr/SttlmInf/SttlmMtd (CLRG, INDA, INGA, COVE) or null. */
  settlementMethod: string | null;
  transactions: CreditTransferInstruction[];
}

/**
 * Reads a pacs.008 for clearing: everything readIso20022 gives (with the same guards: size,
 * DOCTYPE, depth, reserved names, amounts) plus the group header count, the settlement method
 * and each transaction's instruction id, priority, channel, local instrument and settlement
 * date. Any other message type is refused with `unknown_namespace`.
 */
export function readCreditTransfer(xml: string): CreditTransferMessage {
  const document = findDocument(parseXmlTree(xml));
  const id = identifyNamespace(document.ns);
  if (id.type !== 'pacs.008') {
    throw new Iso20022Error('unknown_namespace', `this is a ${id.type}; a pacs.008 (FIToFICstmrCdtTrf) is expected here`);
  }
  const body = child(document, ROOT_ELEMENT['pacs.008']);
  if (!body) throw new Iso20022Error('missing_field', 'pacs.008 Document has no FIToFICstmrCdtTrf element');
  const base = readPacs(body, id);
  const header = child(body, 'GrpHdr');
  const declared = textAt(header, 'NbOfTxs');
  if (declared !== null && !/^[0-9]{1,15}$/.test(declared)) {
    throw new Iso20022Error('invalid_value', `GrpHdr/NbOfTxs "${declared.slice(0, 40)}" is not a count`);
  }
  const headerType = child(header, 'PmtTpInf');
  const headerDate = textAt(header, 'IntrBkSttlmDt');
  const elements = childrenNamed(body, 'CdtTrfTxInf');
  const transactions = base.transactions.map((tx, i): CreditTransferInstruction => {
    const element = elements[i] as XmlElement;
    const type = child(element, 'PmtTpInf');
    const settlementDate = textAt(element, 'IntrBkSttlmDt') ?? headerDate;
    if (settlementDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(settlementDate)) {
      throw new Iso20022Error('invalid_value', `CdtTrfTxInf[${i + 1}]/IntrBkSttlmDt "${settlementDate.slice(0, 40)}" is not an ISO date`);
    }
    return {
      ...tx,
      instructionId: textAt(element, 'PmtId', 'InstrId'),
      priority: textAt(element, 'SttlmPrty') ?? textAt(type, 'InstrPrty') ?? textAt(headerType, 'InstrPrty'),
      clearingChannel: textAt(type, 'ClrChanl') ?? textAt(headerType, 'ClrChanl'),
      localInstrument: localInstrument(type) ?? localInstrument(headerType),
      settlementDate,
    };
  });
  return {
    type: 'pacs.008',
    version: base.version,
    messageId: base.messageId,
    declaredCount: declared === null ? null : Number(declared),
    settlementMethod: textAt(header, 'SttlmInf', 'SttlmMtd'),
    transactions,
  };
}

function localInstrument(paymentType: XmlElement | undefined): string | null {
  return textAt(paymentType, 'LclInstrm', 'Cd') ?? textAt(paymentType, 'LclInstrm', 'Prtry') ?? textAt(at(paymentType, 'SvcLvl'), 'Prtry');
}
