import { describe, expect, it } from 'vitest';
import type { MessageThread } from '../contract/message-protocol';
import { writeInvestigation } from './write-investigation';
import { parseXmlTree, textAt } from './xml-tree';

const codes: Record<string, string> = { HKB: '313521000019', ICBC: '102521000011' };
const bankCode = (id: string) => codes[id] ?? '000000000000';
const payment = { from: 'HKB', to: 'ICBC', amount: '1200.00', currency: 'CNY' as const, kind: 'hvps' as const, status: 'settled' };

describe('camt.026/027/029/056 of a thread', () => {
  it('an inquiry about a non-receipt is a camt.027, its answer a camt.029 carrying the words', () => {
    const thread: MessageThread = {
      id: 'HKB.1a2b3c4d.7',
      kind: 'inquiry',
      paymentId: 'HKB-d1-20261207-00000001',
      from: 'HKB',
      to: 'ICBC',
      state: 'answered',
      businessDate: '2026-12-07',
      dueBy: '2026-12-08T17:00+08:00',
      payment,
      entries: [
        { at: '2026-12-07T02:00:00.000Z', by: 'HKB', action: 'ask', reasonCode: 'NOT_RECEIVED', text: '客户称未收到 <款项> & 请查' },
        { at: '2026-12-07T03:00:00.000Z', by: 'ICBC', action: 'answer', text: '已于 10:02 入账' },
      ],
    };
    const files = writeInvestigation(thread, bankCode);
    expect(files.map((f) => f.fileName)).toEqual(['HKB.1a2b3c4d.7-1-camt.027.xml', 'HKB.1a2b3c4d.7-2-camt.029.xml']);
    const claim = parseXmlTree(files[0]?.content ?? '');
    expect(textAt(claim, 'ClmNonRct', 'Assgnmt', 'Assgnr', 'Agt', 'FinInstnId', 'ClrSysMmbId', 'MmbId')).toBe('313521000019');
    expect(textAt(claim, 'ClmNonRct', 'Assgnmt', 'Assgne', 'Agt', 'FinInstnId', 'ClrSysMmbId', 'MmbId')).toBe('102521000011');
    expect(textAt(claim, 'ClmNonRct', 'Undrlyg', 'IntrBk', 'OrgnlTxId')).toBe('HKB-d1-20261207-00000001');
    expect(textAt(claim, 'ClmNonRct', 'InstrForAssgne')).toBe('客户称未收到 <款项> & 请查');
    const answer = parseXmlTree(files[1]?.content ?? '');
    expect(textAt(answer, 'RsltnOfInvstgtn', 'Sts', 'Conf')).toBe('INFO');
    expect(textAt(answer, 'RsltnOfInvstgtn', 'SplmtryData', 'Envlp', 'AddtlInf')).toBe('已于 10:02 入账');
    // The same thread gives the same bytes.
    expect(writeInvestigation(thread, bankCode)).toEqual(files);
  });

  it('a return request is a camt.056; refused, a camt.029 with the reason; another inquiry a camt.026', () => {
    const base = { id: 'R1', paymentId: 'P1', from: 'HKB', to: 'ICBC', businessDate: '2026-12-07', payment };
    const refused: MessageThread = {
      ...base,
      kind: 'return',
      state: 'refused',
      amount: '200.00',
      entries: [
        { at: 't1', by: 'HKB', action: 'request', reasonCode: 'DUPL', text: '重复' },
        { at: 't2', by: 'ICBC', action: 'refuse', reasonCode: 'CUST', text: '收款人不同意' },
      ],
    };
    const [request, answer] = writeInvestigation(refused, bankCode);
    const cxl = parseXmlTree(request?.content ?? '');
    expect(textAt(cxl, 'FIToFIPmtCxlReq', 'Undrlyg', 'TxInf', 'OrgnlIntrBkSttlmAmt')).toBe('200.00');
    expect(textAt(cxl, 'FIToFIPmtCxlReq', 'Undrlyg', 'TxInf', 'CxlRsnInf', 'Rsn', 'Cd')).toBe('DUPL');
    const rsltn = parseXmlTree(answer?.content ?? '');
    expect(textAt(rsltn, 'RsltnOfInvstgtn', 'Sts', 'Conf')).toBe('RJCR');
    expect(textAt(rsltn, 'RsltnOfInvstgtn', 'CxlDtls', 'TxInfAndSts', 'CxlStsRsnInf', 'Rsn', 'Cd')).toBe('CUST');
    const ask = writeInvestigation({ ...base, kind: 'inquiry', state: 'open', entries: [{ at: 't', by: 'ICBC', action: 'ask', reasonCode: 'WRONG_ACCOUNT', text: '户名不符' }] }, bankCode);
    expect(ask[0]?.fileName).toBe('R1-1-camt.026.xml');
    // Asked by the receiving bank: it is the assigner.
    expect(textAt(parseXmlTree(ask[0]?.content ?? ''), 'UblToApply', 'Assgnmt', 'Assgnr', 'Agt', 'FinInstnId', 'ClrSysMmbId', 'MmbId')).toBe('102521000011');
    expect(writeInvestigation({ ...base, kind: 'stop', state: 'stopped', entries: [{ at: 't', by: 'HKB', action: 'stop' }] }, bankCode)).toEqual([]);
  });
});
