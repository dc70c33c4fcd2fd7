import { Iso20022Error } from '../iso20022/errors';
import { findDocument } from '../iso20022/read';
import { accountId } from '../iso20022/read-parties';
import { child, childrenNamed, parseXmlTree, textAt, type XmlElement } from '../iso20022/xml-tree';
import { BulkFileError, MAX_BULK_LINES, type BulkFile, type RawBulkLine } from './bulk-file';

/** pain.001 versions read: 001.03 (the long-lived CGI-MP profile) and 001.09 (its successor). */
const PAIN001 = /^urn:iso:std:iso:20022:tech:xsd:pain\.001\.001\.(03|09)$/;

/**
 * pain.001 (CstmrCdtTrfInitn) to raw lines, one per CdtTrfTxInf, with the debtor of its
 * PmtInf. Uses the ISO 20022 reader's guarded parser (size, DOCTYPE, depth, reserved names);
 * an unreadable or other document is a BulkFileError (`not_pain001` / `malformed`), nothing read.
 * Amounts, accounts and codes are kept as text: the validator judges each line.
 */
export function readPain001(xml: string): BulkFile {
  let root: XmlElement;
  try {
    root = findDocument(parseXmlTree(xml));
  } catch (error) {
    if (error instanceof Iso20022Error) {
      throw new BulkFileError(error.code === 'too_large' ? 'too_large' : error.code === 'no_document' ? 'not_pain001' : 'malformed', error.message);
    }
    throw error;
  }
  const match = root.ns === null ? null : PAIN001.exec(root.ns);
  if (!match) throw new BulkFileError('not_pain001', `namespace "${(root.ns ?? '(none)').slice(0, 80)}" is not pain.001.001.03 or pain.001.001.09`);
  const body = child(root, 'CstmrCdtTrfInitn');
  if (!body) throw new BulkFileError('not_pain001', 'the Document holds no CstmrCdtTrfInitn');
  const header = child(body, 'GrpHdr');
  const count = textAt(header, 'NbOfTxs');
  const lines: RawBulkLine[] = [];
  for (const info of childrenNamed(body, 'PmtInf')) {
    const debtorName = textAt(info, 'Dbtr', 'Nm');
    const debtorAccount = accountId(child(info, 'DbtrAcct'));
    for (const tx of childrenNamed(info, 'CdtTrfTxInf')) {
      if (lines.length >= MAX_BULK_LINES) throw new BulkFileError('too_large', `more than ${MAX_BULK_LINES} payments in one file`);
      const amount = child(child(tx, 'Amt'), 'InstdAmt');
      const agent = child(child(tx, 'CdtrAgt'), 'FinInstnId');
      const remittance = childrenNamed(child(tx, 'RmtInf'), 'Ustrd').map((u) => u.text).filter((t) => t !== '');
      lines.push({
        line: lines.length + 1,
        endToEndId: textAt(tx, 'PmtId', 'EndToEndId'),
        debtorName,
        debtorAccount,
        creditorName: textAt(tx, 'Cdtr', 'Nm'),
        creditorAccount: accountId(child(tx, 'CdtrAcct')),
        creditorBankCode: textAt(agent, 'ClrSysMmbId', 'MmbId') ?? textAt(agent, 'BICFI') ?? textAt(agent, 'BIC'),
        amount: amount && amount.text !== '' ? amount.text : null,
        currency: amount?.attrs.Ccy ?? null,
        purpose: remittance.length > 0 ? remittance.join(' ') : textAt(tx, 'Purp', 'Cd'),
      });
    }
  }
  if (lines.length === 0) throw new BulkFileError('empty', 'the pain.001 holds no CdtTrfTxInf');
  return {
    format: 'pain.001',
    version: `001.${match[1]}`,
    messageId: textAt(header, 'MsgId'),
    declaredCount: count !== null && /^\d{1,15}$/.test(count) ? Number(count) : null,
    declaredTotal: textAt(header, 'CtrlSum'),
    lines,
  };
}
