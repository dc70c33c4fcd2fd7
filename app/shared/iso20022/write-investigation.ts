import type { MessageThread, ThreadEntry } from '../contract/message-protocol';
import { el, opt, renderXml, type XmlNode } from './xml-write';

/**
 * The exceptions-and-investigations messages of a thread between banks (docs/messages.md),
 * one XML document per step, as a bank's other systems would file them:
 * - an inquiry: camt.027.001.07 ClaimNonReceipt when the beneficiary says it has not been
 *   paid (reason NOT_RECEIVED), else camt.026.001.07 UnableToApply; its answer a
 *   camt.029.001.09 ResolutionOfInvestigation;
 * - a return request: camt.056.001.08 FIToFIPmtCxlReq; the answer a camt.029.001.09 (Sts/Conf
 *   CNCL with the returned amount when accepted, RJCR with the refusal reason when refused).
 * Agents are named by CNAPS bank code (ClrSysMmbId, CNAPS); written from the thread alone,
 * so the same thread always gives the same bytes. Stop threads are Hankou's own (no ISO message).
 */
export interface InvestigationFile {
  fileName: string;
  content: string;
}

const CASE_VERSIONS = { 'camt.026': '001.07', 'camt.027': '001.07', 'camt.029': '001.09', 'camt.056': '001.08' } as const;
type CaseMessage = keyof typeof CASE_VERSIONS;

/** ISO Max35Text: ids longer than 35 are cut (the full id stays in AddtlInf). */
const max35 = (text: string): string => text.slice(0, 35);

function agent(name: string, bankCode: string): XmlNode {
  return el(name, [el('Agt', [el('FinInstnId', [el('ClrSysMmbId', [el('ClrSysId', [el('Prtry', 'CNAPS')]), el('MmbId', bankCode)])])])]);
}

function document(type: CaseMessage, root: string, children: XmlNode[]): string {
  return renderXml(el('Document', [el(root, children)], { xmlns: `urn:iso:std:iso:20022:tech:xsd:${type}.${CASE_VERSIONS[type]}` })!);
}

function assignment(thread: MessageThread, entry: ThreadEntry, step: number, bankCode: (id: string) => string): XmlNode {
  const other = entry.by === thread.from ? thread.to : thread.from;
  return el('Assgnmt', [
    el('Id', max35(`${thread.id}-${step}`)),
    agent('Assgnr', bankCode(entry.by)),
    agent('Assgne', bankCode(other)),
    el('CreDtTm', entry.at),
  ]);
}

function underlying(thread: MessageThread): XmlNode {
  return el('Undrlyg', [
    el('IntrBk', [
      el('OrgnlTxId', max35(thread.paymentId)),
      el('OrgnlIntrBkSttlmAmt', thread.payment.amount, { Ccy: thread.payment.currency }),
    ]),
  ]);
}

/** Every ISO message of the thread, in the order the steps happened. */
export function writeInvestigation(thread: MessageThread, bankCode: (participantId: string) => string): InvestigationFile[] {
  if (thread.kind === 'stop') return [];
  const files: InvestigationFile[] = [];
  const caseEl = el('Case', [el('Id', max35(thread.id)), agent('Cretr', bankCode(thread.from))]);
  thread.entries.forEach((entry, i) => {
    const step = i + 1;
    const name = (type: CaseMessage) => `${thread.id}-${step}-${type}.xml`;
    const assgnmt = assignment(thread, entry, step, bankCode);
    switch (entry.action) {
      case 'ask': {
        const claim = entry.reasonCode === 'NOT_RECEIVED';
        const type: CaseMessage = claim ? 'camt.027' : 'camt.026';
        const body = claim
          ? [assgnmt, caseEl, el('Undrlyg', [el('IntrBk', [el('OrgnlTxId', max35(thread.paymentId))])]), opt('InstrForAssgne', entry.text ?? null)]
          : [assgnmt, caseEl, underlying(thread), el('Justfn', [el('MssngOrIncrrctInf', [el('AMLReq', 'false'), el('AddtlInf', `${entry.reasonCode ?? 'OTHER'}: ${entry.text ?? ''}`)])])];
        files.push({ fileName: name(type), content: document(type, claim ? 'ClmNonRct' : 'UblToApply', body) });
        return;
      }
      case 'request':
        files.push({
          fileName: name('camt.056'),
          content: document('camt.056', 'FIToFIPmtCxlReq', [
            assgnmt,
            caseEl,
            el('Undrlyg', [
              el('TxInf', [
                el('OrgnlTxId', max35(thread.paymentId)),
                el('OrgnlIntrBkSttlmAmt', thread.amount ?? thread.payment.amount, { Ccy: thread.payment.currency }),
                el('CxlRsnInf', [el('Rsn', [el('Cd', entry.reasonCode ?? 'CUST')]), opt('AddtlInf', entry.text ?? null)]),
              ]),
            ]),
          ]),
        });
        return;
      case 'answer':
      case 'accept':
      case 'refuse': {
        const status = entry.action === 'answer' ? 'INFO' : entry.action === 'accept' ? 'CNCL' : 'RJCR';
        const details =
          thread.kind === 'return'
            ? el('CxlDtls', [
                el('TxInfAndSts', [
                  el('OrgnlTxId', max35(thread.paymentId)),
                  el('TxCxlSts', entry.action === 'accept' ? 'ACCR' : 'RJCR'),
                  entry.action === 'refuse' ? el('CxlStsRsnInf', [el('Rsn', [el('Cd', entry.reasonCode ?? 'NARR')]), opt('AddtlInf', entry.text ?? null)]) : null,
                  entry.action === 'accept' && thread.returnPaymentId ? el('RtrdIntrBkSttlmAmt', thread.amount ?? thread.payment.amount, { Ccy: thread.payment.currency }) : null,
                ]),
              ])
            : null;
        files.push({
          fileName: name('camt.029'),
          content: document('camt.029', 'RsltnOfInvstgtn', [
            assgnmt,
            el('RslvdCase', [el('Id', max35(thread.id)), agent('Cretr', bankCode(thread.from))]),
            el('Sts', [el('Conf', status)]),
            details,
            // The words of an answer have no field of their own in camt.029: the supplementary data envelope carries them.
            entry.text === undefined ? null : el('SplmtryData', [el('Envlp', [el('AddtlInf', entry.text)])]),
          ]),
        });
        return;
      }
      default:
        return;
    }
  });
  return files;
}
