import { Iso20022Error } from './errors';
import { el, opt, renderXml } from './xml-write';
import { child, parseXmlTree, textAt } from './xml-tree';

/**
 * admi.002 (MessageReject): ISO 20022's answer to a message that cannot be processed at all
 * (not XML, hostile, wrong type, not the sender's to send). Hankou writes 001.01 with the
 * refusal code in RjctgPtyRsn, the English words in RsnDesc and the Chinese in AddtlData, so a
 * bank's system can branch on the code and an operator can read why.
 */
export interface MessageReject {
  /** The refused message's id when it could be read, else "NONREF". */
  relatedReference: string;
  /** Hankou's code: doctype_refused, too_deep, malformed, wrong_message_type, sender_not_allowed... */
  code: string;
  message: string;
  messageZh: string;
  rejectedAt: string;
}

const NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:admi.002.001.01';

export function writeMessageReject(reject: MessageReject): string {
  const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  const body = el('admi.002.001.01', [
    el('RltdRef', [el('Ref', clip(reject.relatedReference, 35))]),
    el('Rsn', [
      el('RjctgPtyRsn', clip(reject.code, 35)),
      el('RjctnDtTm', reject.rejectedAt),
      el('RsnDesc', clip(reject.message, 350)),
      opt('AddtlData', clip(reject.messageZh, 20_000)),
    ]),
  ]);
  return renderXml(el('Document', [body], { xmlns: NAMESPACE })!);
}

/** Reads an admi.002 written above (clients and tests). */
export function readMessageReject(xml: string): MessageReject {
  const document = parseXmlTree(xml);
  if (document.name !== 'Document' || document.ns !== NAMESPACE) throw new Iso20022Error('unknown_namespace', 'not an admi.002.001.01 document');
  const body = child(document, 'admi.002.001.01');
  return {
    relatedReference: textAt(body, 'RltdRef', 'Ref') ?? '',
    code: textAt(body, 'Rsn', 'RjctgPtyRsn') ?? '',
    message: textAt(body, 'Rsn', 'RsnDesc') ?? '',
    messageZh: textAt(body, 'Rsn', 'AddtlData') ?? '',
    rejectedAt: textAt(body, 'Rsn', 'RjctnDtTm') ?? '',
  };
}
