import { readAmount } from './amount';
import { Iso20022Error } from './errors';
import { MAX_ITEMS_PER_MESSAGE } from './limits';
import type { MessageId } from './message-types';
import { accountId, partyLabel, readParty, remittanceText } from './read-parties';
import type { Balance, StatementEntry, StatementMessage } from './types';
import { at, child, childrenNamed, textAt, type XmlElement } from './xml-tree';

/** Balance type codes that open a statement (opening booked; previously closed booked). */
const OPENING_CODES = new Set(['OPBD', 'PRCD']);
const CLOSING_CODES = new Set(['CLBD']);

/**
 * camt.053 (statements: Stmt) and camt.054 (notifications: Ntfctn, no balances) into the
 * normalised shape. Handles 001.02 to 001.13: the entry status became Sts/Cd in 001.08, and
 * related parties gained the Pty/Agt choice in 001.08.
 */
export function readCamt(root: XmlElement, id: MessageId): StatementMessage {
  if (id.type !== 'camt.053' && id.type !== 'camt.054') throw new Error(`readCamt given ${id.type}`);
  const reports = childrenNamed(root, id.type === 'camt.053' ? 'Stmt' : 'Ntfctn');
  const statements = reports.map((report, index) => readReport(report, `${id.type === 'camt.053' ? 'Stmt' : 'Ntfctn'}[${index + 1}]`));
  const entryCount = statements.reduce((sum, s) => sum + s.entries.length, 0);
  if (entryCount > MAX_ITEMS_PER_MESSAGE) {
    throw new Iso20022Error('too_large', `${entryCount} entries; the limit is ${MAX_ITEMS_PER_MESSAGE}`);
  }
  return { type: id.type, version: id.version, statements };
}

function readReport(report: XmlElement, where: string): StatementMessage['statements'][number] {
  const account = accountId(child(report, 'Acct'));
  if (account === null) throw new Iso20022Error('missing_field', `${where}/Acct/Id is missing`);
  let openingBalance: Balance | null = null;
  let closingBalance: Balance | null = null;
  const balances = childrenNamed(report, 'Bal');
  for (const [index, bal] of balances.entries()) {
    const code = textAt(bal, 'Tp', 'CdOrPrtry', 'Cd');
    if (code === null) continue;
    if (OPENING_CODES.has(code) && openingBalance === null) openingBalance = readBalance(bal, `${where}/Bal[${index + 1}]`);
    if (CLOSING_CODES.has(code) && closingBalance === null) closingBalance = readBalance(bal, `${where}/Bal[${index + 1}]`);
  }
  const entries = childrenNamed(report, 'Ntry').map((ntry, index) => readEntry(ntry, `${where}/Ntry[${index + 1}]`));
  return { account, openingBalance, closingBalance, entries };
}

function readBalance(bal: XmlElement, where: string): Balance {
  const { amount, currency } = readAmount(child(bal, 'Amt'), `${where}/Amt`);
  return { amount, currency, creditDebit: readCreditDebit(bal, where), date: dateOf(child(bal, 'Dt')) };
}

function readEntry(ntry: XmlElement, where: string): StatementEntry {
  const { amount, currency } = readAmount(child(ntry, 'Amt'), `${where}/Amt`);
  const creditDebit = readCreditDebit(ntry, where);
  const tx = at(ntry, 'NtryDtls', 'TxDtls');
  const refs = child(tx, 'Refs');
  const parties = child(tx, 'RltdPties');
  // The other party of a credit is its debtor; of a debit, its creditor.
  const counterparty =
    creditDebit === 'CRDT'
      ? readParty(child(parties, 'Dbtr'), child(parties, 'DbtrAcct'))
      : readParty(child(parties, 'Cdtr'), child(parties, 'CdtrAcct'));
  return {
    amount,
    currency,
    creditDebit,
    bookingDate: dateOf(child(ntry, 'BookgDt')),
    valueDate: dateOf(child(ntry, 'ValDt')),
    reference: textAt(ntry, 'AcctSvcrRef') ?? textAt(ntry, 'NtryRef') ?? textAt(refs, 'AcctSvcrRef'),
    endToEndId: textAt(refs, 'EndToEndId'),
    counterparty: partyLabel(counterparty),
    remittance: remittanceText(child(tx, 'RmtInf')) ?? textAt(tx, 'AddtlTxInf') ?? textAt(ntry, 'AddtlNtryInf'),
  };
}

function readCreditDebit(element: XmlElement, where: string): 'CRDT' | 'DBIT' {
  const value = textAt(element, 'CdtDbtInd');
  if (value !== 'CRDT' && value !== 'DBIT') {
    throw new Iso20022Error(value === null ? 'missing_field' : 'invalid_value', `${where}/CdtDbtInd must be CRDT or DBIT`);
  }
  return value;
}

/** A DateAndDateTimeChoice (Dt | DtTm) to YYYY-MM-DD. */
export function dateOf(choice: XmlElement | undefined): string | null {
  const value = textAt(choice, 'Dt') ?? textAt(choice, 'DtTm');
  if (value === null) return null;
  const date = value.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Iso20022Error('invalid_value', `"${value}" is not an ISO date`);
  return date;
}
