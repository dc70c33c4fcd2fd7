import type { Party } from './types';
import { at, child, textAt, type XmlElement } from './xml-tree';

/** IBAN, else the proprietary id (Othr/Id) of an account element (DbtrAcct, Acct...). */
export function accountId(account: XmlElement | undefined): string | null {
  const id = child(account, 'Id');
  return textAt(id, 'IBAN') ?? textAt(id, 'Othr', 'Id');
}

/** A FinInstnId's BIC (BICFI from 001.06/07 on, BIC before), else its clearing member id. */
export function institutionId(finInstnId: XmlElement | undefined): string | null {
  return (
    textAt(finInstnId, 'BICFI') ?? textAt(finInstnId, 'BIC') ?? textAt(finInstnId, 'ClrSysMmbId', 'MmbId') ?? null
  );
}

/** An agent element (DbtrAgt, CdtrAgt...) to its BIC or member id. */
export function agentId(agent: XmlElement | undefined): string | null {
  return institutionId(child(agent, 'FinInstnId'));
}

/**
 * A party as pacs messages carry it: a person or company (Nm), a financial institution
 * (FinInstnId, in pacs.009), or the Party40Choice wrapper of newer versions (Pty | Agt).
 */
export function readParty(party: XmlElement | undefined, account: XmlElement | undefined): Party | null {
  if (!party && !account) return null;
  const inner = child(party, 'Pty') ?? party;
  const institution = child(inner, 'FinInstnId') ?? at(party, 'Agt', 'FinInstnId');
  return {
    name: textAt(inner, 'Nm') ?? textAt(institution, 'Nm'),
    account: accountId(account),
    bic: institutionId(institution) ?? textAt(inner, 'Id', 'OrgId', 'AnyBIC'),
  };
}

/** One line of remittance text: the unstructured lines, else the structured creditor reference. */
export function remittanceText(rmtInf: XmlElement | undefined): string | null {
  if (!rmtInf) return null;
  const lines = rmtInf.children.filter((c) => c.name === 'Ustrd' && c.text !== '').map((c) => c.text);
  if (lines.length > 0) return lines.join(' ');
  return textAt(rmtInf, 'Strd', 'CdtrRefInf', 'Ref');
}

/** A party's display name for statement counterparties: its name, else its BIC, else its account. */
export function partyLabel(party: Party | null): string | null {
  return party ? (party.name ?? party.bic ?? party.account) : null;
}
