import { readAmount, readOptionalAmount } from './amount';
import { Iso20022Error } from './errors';
import { MAX_ITEMS_PER_MESSAGE } from './limits';
import type { MessageId } from './message-types';
import { agentId, readParty, remittanceText } from './read-parties';
import type { PaymentMessage, PaymentTransaction } from './types';
import { at, child, childrenNamed, textAt, type XmlElement } from './xml-tree';

/**
 * pacs.008 and pacs.009 (credit transfers), pacs.004 (returns) and pacs.002 (status reports)
 * into the normalised payment shape. Returns and status reports carry the original payment's
 * ids (OrgnlEndToEndId, OrgnlUETR), which become endToEndId and uetr so a return or a reject
 * finds its payment by the same keys.
 */
export function readPacs(root: XmlElement, id: MessageId): PaymentMessage {
  if (id.type === 'camt.053' || id.type === 'camt.054') throw new Error(`readPacs given ${id.type}`);
  const messageId = textAt(root, 'GrpHdr', 'MsgId');
  if (messageId === null) throw new Iso20022Error('missing_field', 'GrpHdr/MsgId is missing');
  let transactions: PaymentTransaction[];
  switch (id.type) {
    case 'pacs.008':
    case 'pacs.009':
      transactions = childrenNamed(root, 'CdtTrfTxInf').map((tx, i) => readCreditTransfer(tx, `CdtTrfTxInf[${i + 1}]`));
      break;
    case 'pacs.004':
      transactions = childrenNamed(root, 'TxInf').map((tx, i) => readReturn(tx, `TxInf[${i + 1}]`));
      break;
    case 'pacs.002':
      transactions = childrenNamed(root, 'TxInfAndSts').map((tx, i) => readStatus(tx, `TxInfAndSts[${i + 1}]`));
      break;
  }
  if (transactions.length > MAX_ITEMS_PER_MESSAGE) {
    throw new Iso20022Error('too_large', `${transactions.length} transactions; the limit is ${MAX_ITEMS_PER_MESSAGE}`);
  }
  return { type: id.type, version: id.version, messageId, transactions };
}

function readCreditTransfer(tx: XmlElement, where: string): PaymentTransaction {
  const { amount, currency } = readAmount(child(tx, 'IntrBkSttlmAmt'), `${where}/IntrBkSttlmAmt`);
  return {
    endToEndId: textAt(tx, 'PmtId', 'EndToEndId'),
    uetr: textAt(tx, 'PmtId', 'UETR'),
    amount,
    currency,
    debtor: readParty(child(tx, 'Dbtr'), child(tx, 'DbtrAcct')),
    creditor: readParty(child(tx, 'Cdtr'), child(tx, 'CdtrAcct')),
    debtorAgent: agentId(child(tx, 'DbtrAgt')),
    creditorAgent: agentId(child(tx, 'CdtrAgt')),
    remittance: remittanceText(child(tx, 'RmtInf')),
  };
}

/**
 * A return. From 001.09 the parties travel in RtrChain (Dbtr/Cdtr as Pty or Agt); before,
 * the original transaction reference (OrgnlTxRef) holds them.
 */
function readReturn(tx: XmlElement, where: string): PaymentTransaction {
  const { amount, currency } = readAmount(child(tx, 'RtrdIntrBkSttlmAmt'), `${where}/RtrdIntrBkSttlmAmt`);
  const chain = child(tx, 'RtrChain') ?? child(tx, 'OrgnlTxRef');
  return {
    endToEndId: textAt(tx, 'OrgnlEndToEndId'),
    uetr: textAt(tx, 'OrgnlUETR'),
    amount,
    currency,
    debtor: readParty(child(chain, 'Dbtr'), child(chain, 'DbtrAcct')),
    creditor: readParty(child(chain, 'Cdtr'), child(chain, 'CdtrAcct')),
    debtorAgent: agentId(child(chain, 'DbtrAgt')),
    creditorAgent: agentId(child(chain, 'CdtrAgt')),
    remittance: remittanceText(at(tx, 'OrgnlTxRef', 'RmtInf')),
    reasonCode: textAt(tx, 'RtrRsnInf', 'Rsn', 'Cd') ?? textAt(tx, 'RtrRsnInf', 'Rsn', 'Prtry'),
  };
}

/** A status report line; the amount and parties come from OrgnlTxRef when the sender gave it. */
function readStatus(tx: XmlElement, where: string): PaymentTransaction {
  const ref = child(tx, 'OrgnlTxRef');
  const { amount, currency } = readOptionalAmount(child(ref, 'IntrBkSttlmAmt'), `${where}/OrgnlTxRef/IntrBkSttlmAmt`);
  return {
    endToEndId: textAt(tx, 'OrgnlEndToEndId'),
    uetr: textAt(tx, 'OrgnlUETR'),
    amount,
    currency,
    debtor: readParty(child(ref, 'Dbtr'), child(ref, 'DbtrAcct')),
    creditor: readParty(child(ref, 'Cdtr'), child(ref, 'CdtrAcct')),
    debtorAgent: agentId(child(ref, 'DbtrAgt')),
    creditorAgent: agentId(child(ref, 'CdtrAgt')),
    remittance: remittanceText(child(ref, 'RmtInf')),
    status: textAt(tx, 'TxSts'),
    reasonCode: textAt(tx, 'StsRsnInf', 'Rsn', 'Cd') ?? textAt(tx, 'StsRsnInf', 'Rsn', 'Prtry'),
  };
}
