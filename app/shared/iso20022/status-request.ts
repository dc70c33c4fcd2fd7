import { Iso20022Error } from './errors';
import { MAX_ITEMS_PER_MESSAGE } from './limits';
import { findDocument } from './read';
import { checkLength, MAX35 } from './write-parts';
import { child, childrenNamed, parseXmlTree, textAt } from './xml-tree';
import { el, opt, renderXml } from './xml-write';

/**
 * pacs.028 (FIToFIPmtStsReq, "status inquiry"): a bank asks what became of payments it sent.
 * Hankou reads and writes 001.01 to 001.06; the elements used here (GrpHdr/MsgId, OrgnlGrpInf,
 * TxInf with the original ids) are the same across them.
 */
const PACS028 = /^urn:iso:std:iso:20022:tech:xsd:pacs\.028\.001\.(0[1-6])$/;

export interface StatusRequestItem {
  originalMessageId: string | null;
  originalEndToEndId: string | null;
  /** OrgnlTxId: Hankou reads it as its own payment id. */
  originalTransactionId: string | null;
  originalInstructionId: string | null;
  originalUetr: string | null;
}

export interface StatusRequestMessage {
  type: 'pacs.028';
  version: string;
  messageId: string;
  /** Group-level OrgnlGrpInf/OrgnlMsgId, applying to items that name none. */
  originalMessageId: string | null;
  items: StatusRequestItem[];
}

export function readStatusRequest(xml: string): StatusRequestMessage {
  const document = findDocument(parseXmlTree(xml));
  const match = document.ns === null ? null : PACS028.exec(document.ns);
  if (!match) {
    throw new Iso20022Error('unknown_namespace', `"${(document.ns ?? '(none)').slice(0, 80)}" is not a pacs.028 001.01 to 001.06 namespace`);
  }
  const body = child(document, 'FIToFIPmtStsReq');
  if (!body) throw new Iso20022Error('missing_field', 'pacs.028 Document has no FIToFIPmtStsReq element');
  const messageId = textAt(body, 'GrpHdr', 'MsgId');
  if (messageId === null) throw new Iso20022Error('missing_field', 'GrpHdr/MsgId is missing');
  const originalMessageId = textAt(body, 'OrgnlGrpInf', 'OrgnlMsgId');
  const elements = childrenNamed(body, 'TxInf');
  if (elements.length > MAX_ITEMS_PER_MESSAGE) throw new Iso20022Error('too_large', `${elements.length} items; the limit is ${MAX_ITEMS_PER_MESSAGE}`);
  const items = elements.map((tx, i): StatusRequestItem => {
    const item = {
      originalMessageId: textAt(tx, 'OrgnlGrpInf', 'OrgnlMsgId') ?? originalMessageId,
      originalEndToEndId: textAt(tx, 'OrgnlEndToEndId'),
      originalTransactionId: textAt(tx, 'OrgnlTxId'),
      originalInstructionId: textAt(tx, 'OrgnlInstrId'),
      originalUetr: textAt(tx, 'OrgnlUETR'),
    };
    if (item.originalEndToEndId === null && item.originalTransactionId === null && item.originalUetr === null) {
      throw new Iso20022Error('missing_field', `TxInf[${i + 1}] names no payment (OrgnlEndToEndId, OrgnlTxId or OrgnlUETR)`);
    }
    return item;
  });
  return { type: 'pacs.028', version: `001.${match[1]}`, messageId, originalMessageId, items };
}

/** Writes a pacs.028 (for clients and tests); reading it back gives the same message. */
export function writePacs028(message: StatusRequestMessage, creationDateTime: string): string {
  if (!/^001\.0[1-6]$/.test(message.version)) throw new Iso20022Error('unsupported_version', `Hankou writes pacs.028 001.01 to 001.06, not ${message.version}`);
  checkLength(message.messageId, MAX35, 'messageId');
  const original = (id: string | null) => (id === null ? null : el('OrgnlGrpInf', [el('OrgnlMsgId', id), el('OrgnlMsgNmId', 'pacs.008')]));
  const body = el('FIToFIPmtStsReq', [
    el('GrpHdr', [el('MsgId', message.messageId), el('CreDtTm', creationDateTime)]),
    original(message.originalMessageId),
    ...message.items.map((item, i) => {
      for (const [key, value] of Object.entries(item)) if (key !== 'originalUetr') checkLength(value, MAX35, `items[${i}].${key}`);
      return el('TxInf', [
        item.originalMessageId === message.originalMessageId ? null : original(item.originalMessageId),
        opt('OrgnlInstrId', item.originalInstructionId),
        opt('OrgnlEndToEndId', item.originalEndToEndId),
        opt('OrgnlTxId', item.originalTransactionId),
        opt('OrgnlUETR', item.originalUetr),
      ]);
    }),
  ]);
  return renderXml(el('Document', [body], { xmlns: `urn:iso:std:iso:20022:tech:xsd:pacs.028.${message.version}` })!);
}
