import { Iso20022Error } from './errors';
import { namespaceFor } from './message-types';
import { type Balance, type StatementEntry, type StatementMessage, statementMessageSchema } from './types';
import { accountEl, amountEl, checkLength, checkVersion, MAX35, partyChoiceEl, remittanceEl, required } from './write-parts';
import { el, opt, renderXml, type XmlNode } from './xml-write';

export interface StatementHeader {
  messageId: string;
  /** ISO date-time with offset; given, never read from a clock. */
  creationDateTime: string;
}

/**
 * Writes a camt.053 (001.08 to 001.13) from the normalised statement shape, as the house does
 * at end of day. Each statement gets Id `<messageId>-<n>`; each entry is booked (BOOK) with a
 * proprietary bank transaction code NTRF, the reference as AcctSvcrRef and the counterparty as
 * the debtor of a credit or the creditor of a debit, so reading it back gives the same object.
 */
export function writeCamt053(input: StatementMessage, header: StatementHeader): string {
  const message = statementMessageSchema.parse(input);
  if (message.type !== 'camt.053') throw new Iso20022Error('invalid_value', `writeCamt053 given a ${message.type}`);
  checkVersion(message.version, 8, 13, 'camt.053');
  checkLength(header.messageId, MAX35, 'messageId');
  const statements = message.statements.map((statement, s) =>
    el('Stmt', [
      el('Id', `${header.messageId}-${s + 1}`),
      el('CreDtTm', header.creationDateTime),
      required(accountEl('Acct', statement.account), `statements[${s}].account`),
      balanceEl('OPBD', statement.openingBalance, `statements[${s}].openingBalance`),
      balanceEl('CLBD', statement.closingBalance, `statements[${s}].closingBalance`),
      ...statement.entries.map((entry, e) => entryEl(entry, `statements[${s}].entries[${e}]`)),
    ]),
  );
  const body = el('BkToCstmrStmt', [
    el('GrpHdr', [el('MsgId', header.messageId), el('CreDtTm', header.creationDateTime)]),
    ...statements,
  ]);
  return renderXml(el('Document', [body], { xmlns: namespaceFor('camt.053', message.version) })!);
}

function balanceEl(code: string, balance: Balance | null, where: string): XmlNode {
  if (balance === null) return null;
  return el('Bal', [
    el('Tp', [el('CdOrPrtry', [el('Cd', code)])]),
    amountEl('Amt', balance.amount, balance.currency),
    el('CdtDbtInd', balance.creditDebit),
    el('Dt', [el('Dt', required(balance.date, `${where}.date`))]),
  ]);
}

/** One booked entry (Ntry); camt.054 notifications use the same form. */
export function entryEl(entry: StatementEntry, where: string): XmlNode {
  checkLength(entry.reference, MAX35, `${where}.reference`);
  checkLength(entry.endToEndId, MAX35, `${where}.endToEndId`);
  const counterparty = entry.counterparty === null ? null : { name: entry.counterparty, account: null, bic: null };
  const hasDetails = entry.endToEndId !== null || entry.counterparty !== null || entry.remittance !== null;
  return el('Ntry', [
    amountEl('Amt', entry.amount, entry.currency),
    el('CdtDbtInd', entry.creditDebit),
    el('Sts', [el('Cd', 'BOOK')]),
    entry.bookingDate === null ? null : el('BookgDt', [el('Dt', entry.bookingDate)]),
    entry.valueDate === null ? null : el('ValDt', [el('Dt', entry.valueDate)]),
    opt('AcctSvcrRef', entry.reference),
    el('BkTxCd', [el('Prtry', [el('Cd', 'NTRF')])]),
    hasDetails &&
      el('NtryDtls', [
        el('TxDtls', [
          entry.endToEndId === null ? null : el('Refs', [el('EndToEndId', entry.endToEndId)]),
          counterparty &&
            el('RltdPties', [partyChoiceEl(entry.creditDebit === 'CRDT' ? 'Dbtr' : 'Cdtr', counterparty, `${where}.counterparty`)]),
          remittanceEl(entry.remittance, where),
        ]),
      ]),
  ]);
}
