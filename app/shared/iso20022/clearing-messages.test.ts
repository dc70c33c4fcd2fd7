import { describe, expect, it } from 'vitest';
import { Iso20022Error } from './errors';
import { readMessageReject, writeMessageReject } from './message-reject';
import { readIso20022 } from './read';
import { readCreditTransfer } from './read-credit-transfer';
import { readStatusRequest, writePacs028, type StatusRequestMessage } from './status-request';
import type { PaymentMessage } from './types';
import { writePacs002, writePacs008 } from './write-pacs';

const transfer: PaymentMessage = {
  type: 'pacs.008',
  version: '001.09',
  messageId: 'M-1',
  transactions: [
    {
      endToEndId: 'E-1',
      uetr: null,
      amount: '12.30',
      currency: 'CNY',
      debtor: { name: '汉口商贸', account: '6222020000000001', bic: null },
      creditor: { name: '武昌医药', account: '6222020000000002', bic: null },
      debtorAgent: '102521000011',
      creditorAgent: '103521000012',
      remittance: '货款 & 运费',
    },
  ],
};

describe('readCreditTransfer (pacs.008 for clearing)', () => {
  it('reads what readIso20022 reads plus header count, settlement method, priority, channel and date', () => {
    const xml = writePacs008(transfer, { creationDateTime: '2026-03-02T09:00:00+08:00', settlementDate: '2026-03-02' })
      .replace('<ChrgBr>', '<SttlmPrty>URGT</SttlmPrty><ChrgBr>')
      .replace('<IntrBkSttlmAmt', '<PmtTpInf><ClrChanl>MPNS</ClrChanl><LclInstrm><Prtry>BEPS</Prtry></LclInstrm></PmtTpInf><IntrBkSttlmAmt');
    const message = readCreditTransfer(xml);
    expect(message).toEqual({
      type: 'pacs.008',
      version: '001.09',
      messageId: 'M-1',
      declaredCount: 1,
      settlementMethod: 'CLRG',
      transactions: [
        {
          ...transfer.transactions[0],
          instructionId: null,
          priority: 'URGT',
          clearingChannel: 'MPNS',
          localInstrument: 'BEPS',
          settlementDate: '2026-03-02',
        },
      ],
    });
    // The normalised part is exactly readIso20022's.
    const { declaredCount, settlementMethod, transactions, ...rest } = message;
    void declaredCount;
    void settlementMethod;
    expect(readIso20022(xml)).toEqual({ ...rest, transactions: transactions.map(({ instructionId, priority, clearingChannel, localInstrument, settlementDate, ...tx }) => (void [instructionId, priority, clearingChannel, localInstrument, settlementDate], tx)) });
  });

  it('refuses another message type, and a group header count that is not a number', () => {
    const status = writePacs002({ ...transfer, type: 'pacs.002', version: '001.10', transactions: [{ ...transfer.transactions[0]!, status: 'ACSC' }] }, { creationDateTime: '2026-03-02T09:00:00+08:00' });
    expect(() => readCreditTransfer(status)).toThrow(Iso20022Error);
    const bad = writePacs008(transfer, { creationDateTime: '2026-03-02T09:00:00+08:00' }).replace('<NbOfTxs>1</NbOfTxs>', '<NbOfTxs>one</NbOfTxs>');
    expect(() => readCreditTransfer(bad)).toThrow(/NbOfTxs/);
  });
});

describe('pacs.002 with the original group (OrgnlGrpInfAndSts)', () => {
  it('writes the answered message id and name, and still reads back to the same normalised message', () => {
    const report: PaymentMessage = { ...transfer, type: 'pacs.002', version: '001.10', messageId: 'HK1', transactions: [{ ...transfer.transactions[0]!, remittance: null, debtor: null, creditor: null, status: 'RJCT', reasonCode: 'AM11' }] };
    const xml = writePacs002(report, { creationDateTime: '2026-03-02T09:00:00+08:00', original: { messageId: 'M-1', messageNameId: 'pacs.008.001.09' } });
    expect(xml).toMatch(/<OrgnlGrpInfAndSts>\s*<OrgnlMsgId>M-1<\/OrgnlMsgId>\s*<OrgnlMsgNmId>pacs.008.001.09<\/OrgnlMsgNmId>/);
    expect(readIso20022(xml)).toEqual(report);
  });
});

describe('pacs.028 status requests', () => {
  const request: StatusRequestMessage = {
    type: 'pacs.028',
    version: '001.05',
    messageId: 'Q-1',
    originalMessageId: 'M-1',
    items: [
      { originalMessageId: 'M-1', originalEndToEndId: 'E-1', originalTransactionId: null, originalInstructionId: 'I-1', originalUetr: null },
      { originalMessageId: 'M-0', originalEndToEndId: null, originalTransactionId: 'A.iso.abc', originalInstructionId: null, originalUetr: '174c245f-2682-4291-ad67-2a41e530cd27' },
    ],
  };

  it('round trips: written then read gives the same fields', () => {
    expect(readStatusRequest(writePacs028(request, '2026-03-02T10:00:00+08:00'))).toEqual(request);
  });

  it('refuses other namespaces, a missing MsgId and an item naming no payment', () => {
    const xml = writePacs028(request, '2026-03-02T10:00:00+08:00');
    expect(() => readStatusRequest(xml.replace('pacs.028.001.05', 'pacs.028.001.09'))).toThrow(/pacs.028/);
    expect(() => readStatusRequest(xml.replace('<MsgId>Q-1</MsgId>', ''))).toThrow(/MsgId/);
    expect(() => readStatusRequest(xml.replace('<OrgnlEndToEndId>E-1</OrgnlEndToEndId>', ''))).toThrow(/names no payment/);
    expect(() => readStatusRequest('<!DOCTYPE x><Document/>')).toThrow(Iso20022Error);
  });
});

describe('admi.002 message reject', () => {
  it('round trips and clips what the schema bounds', () => {
    const reject = { relatedReference: 'M-1', code: 'doctype_refused', message: 'DOCTYPE refused', messageZh: '拒绝 DOCTYPE', rejectedAt: '2026-03-02T09:00:00Z' };
    expect(readMessageReject(writeMessageReject(reject))).toEqual(reject);
    const long = readMessageReject(writeMessageReject({ ...reject, relatedReference: 'x'.repeat(100), message: 'y'.repeat(1000) }));
    expect(long.relatedReference).toHaveLength(35);
    expect(long.message).toHaveLength(350);
  });
});

describe('camt.054 writer', () => {
  it('one notification per settled payment reads back to the same message', async () => {
    const { writeCamt054 } = await import('./write-camt054');
    const message = {
      type: 'camt.054' as const,
      version: '001.08',
      statements: [
        { account: '102521000011', openingBalance: null, closingBalance: null, entries: [{ amount: '12.30', currency: 'CNY', creditDebit: 'DBIT' as const, bookingDate: '2026-03-02', valueDate: '2026-03-02', reference: 'A.iso.1', endToEndId: 'E-1', counterparty: 'Bank B', remittance: '货款' }] },
        { account: '102521000011', openingBalance: null, closingBalance: null, entries: [{ amount: '5.00', currency: 'CNY', creditDebit: 'CRDT' as const, bookingDate: '2026-03-02', valueDate: '2026-03-02', reference: 'B-1', endToEndId: null, counterparty: 'Bank B', remittance: null }] },
      ],
    };
    expect(readIso20022(writeCamt054(message, { messageId: 'N-1', creationDateTime: '2026-03-02T10:00:00+08:00' }))).toEqual(message);
  });
});
