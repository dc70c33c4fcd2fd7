import { Iso20022Error } from './errors';
import { namespaceFor } from './message-types';
import { type StatementMessage, statementMessageSchema } from './types';
import { entryEl } from './write-camt053';
import { accountEl, checkLength, checkVersion, MAX35, required } from './write-parts';
import type { StatementHeader } from './write-camt053';
import { el, renderXml } from './xml-write';

/**
 * Writes a camt.054 (BkToCstmrDbtCdtNtfctn, 001.08 to 001.13): one Ntfctn per statement of the
 * normalised shape (no balances: a notification reports entries only), Id `<messageId>-<n>`,
 * entries as in camt.053. Reading it back gives the same object.
 */
export function writeCamt054(input: StatementMessage, header: StatementHeader): string {
  const message = statementMessageSchema.parse(input);
  if (message.type !== 'camt.054') throw new Iso20022Error('invalid_value', `writeCamt054 given a ${message.type}`);
  checkVersion(message.version, 8, 13, 'camt.054');
  checkLength(header.messageId, MAX35, 'messageId');
  const notifications = message.statements.map((n, i) => {
    if (n.openingBalance !== null || n.closingBalance !== null) throw new Iso20022Error('invalid_value', `statements[${i}]: a camt.054 carries no balances`);
    return el('Ntfctn', [
      el('Id', `${header.messageId}-${i + 1}`),
      el('CreDtTm', header.creationDateTime),
      required(accountEl('Acct', n.account), `statements[${i}].account`),
      ...n.entries.map((entry, e) => entryEl(entry, `statements[${i}].entries[${e}]`)),
    ]);
  });
  const body = el('BkToCstmrDbtCdtNtfctn', [el('GrpHdr', [el('MsgId', header.messageId), el('CreDtTm', header.creationDateTime)]), ...notifications]);
  return renderXml(el('Document', [body], { xmlns: namespaceFor('camt.054', message.version) })!);
}
