import { Iso20022Error } from './errors';
import type { Party } from './types';
import { el, opt, type XmlNode } from './xml-write';

const BIC = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;
const IBAN = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;
const EXTERNAL_CODE = /^[A-Z0-9]{4}$/;
/** Max35Text / Max140Text limits of the schema: the writer refuses rather than truncates. */
export const MAX35 = 35;
export const MAX140 = 140;

export function checkLength(value: string | null, max: number, where: string): void {
  if (value !== null && value.length > max) {
    throw new Iso20022Error('invalid_value', `${where} is ${value.length} characters; the schema allows ${max}`);
  }
}

export function required<T>(value: T | null | undefined, where: string): T {
  if (value === null || value === undefined) throw new Iso20022Error('missing_field', `${where} is required to write this message`);
  return value;
}

export function amountEl(name: string, amount: string, currency: string): XmlNode {
  return el(name, amount, { Ccy: currency });
}

/** An account: IBAN when it looks like one, else a proprietary id (CNAPS account numbers). */
export function accountEl(name: string, id: string | null): XmlNode {
  if (id === null) return null;
  return el(name, [el('Id', [IBAN.test(id) ? el('IBAN', id) : el('Othr', [el('Id', id)])])]);
}

/** A FinInstnId: BICFI for a BIC, else a clearing-system member id (a 12-digit CNAPS code). */
export function finInstnEl(id: string): XmlNode {
  return el('FinInstnId', [BIC.test(id) ? el('BICFI', id) : el('ClrSysMmbId', [el('MmbId', id)])]);
}

export function agentEl(name: string, id: string | null): XmlNode {
  return id === null ? null : el(name, [finInstnEl(id)]);
}

/** A party written as PartyIdentification: Nm, and a BIC as Id/OrgId/AnyBIC. */
export function partyEl(name: string, party: Party | null, where: string): XmlNode {
  if (party === null || (party.name === null && party.bic === null)) return null;
  checkLength(party.name, MAX140, `${where}.name`);
  return el(name, [opt('Nm', party.name), party.bic === null ? null : el('Id', [el('OrgId', [el('AnyBIC', party.bic)])])]);
}

/** Party40Choice (newer pacs.002/camt.053): the party wrapped in Pty. */
export function partyChoiceEl(name: string, party: Party | null, where: string): XmlNode {
  const inner = partyEl('Pty', party, where);
  return inner === null ? null : el(name, [inner]);
}

export function reasonEl(code: string | null | undefined): XmlNode {
  if (code === null || code === undefined) return null;
  return el('Rsn', [EXTERNAL_CODE.test(code) ? el('Cd', code) : el('Prtry', code)]);
}

export function remittanceEl(text: string | null, where: string): XmlNode {
  checkLength(text, MAX140, `${where}.remittance`);
  return text === null ? null : el('RmtInf', [el('Ustrd', text)]);
}

export function checkVersion(version: string, from: number, to: number, type: string): void {
  const n = Number(version.slice(4));
  if (!/^001\.\d{2}$/.test(version) || n < from || n > to) {
    throw new Iso20022Error(
      'unsupported_version',
      `Hankou writes ${type} 001.${String(from).padStart(2, '0')} to 001.${String(to).padStart(2, '0')}, not ${version}`,
    );
  }
}
