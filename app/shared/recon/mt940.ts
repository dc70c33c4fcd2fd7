import type { Balance, Statement, StatementEntry } from '../iso20022';
import { decimalToMinor, minorToDecimal } from './currency-digits';
import { dateOfDay, dayNumber } from './days';
import { ReconInputError } from './statement-line';

/** An MT940 larger than this is refused; a month of a busy account is far smaller. */
export const MAX_MT940_CHARS = 64 * 1024 * 1024;

const BALANCE = /^([CD])(\d{6})([A-Z]{3})(\d{1,15},\d{0,3})$/;
// :61: value date, optional entry date (MMDD), mark (C, D, RC, RD), optional funds code,
// amount with decimal comma, transaction type (N/F/S + 3), owner's reference, // bank reference.
const LINE61 = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d{1,15},\d{0,3})([NFS][A-Z0-9]{3})(.{0,16}?)(?:\/\/(.{0,16}))?$/;

interface OpenStatement {
  account: string | null;
  opening: Balance | null;
  closing: Balance | null;
  entries: StatementEntry[];
  currency: string | null;
}

/**
 * SWIFT MT940 (customer statement) into the same normalised Statement shape camt.053 gives.
 * Several statements per file and the {1:}{2:}{4: ... -} block wrappers are accepted. The
 * 6-digit dates are taken as 20YY. Reversals (RC/RD) are booked on the opposite side.
 * The :86: narrative becomes the remittance; /EREF/ in it is the end-to-end id and
 * /NAME/ (or ?32 in the German structured form) the counterparty.
 */
export function readMt940(text: string): Statement[] {
  if (text.length > MAX_MT940_CHARS) throw new ReconInputError('too_large', 'the MT940 file is too large');
  const fields = splitFields(text);
  const statements: Statement[] = [];
  let current: OpenStatement | null = null;
  let lastEntry: StatementEntry | null = null;
  const finish = () => {
    if (current === null) return;
    if (current.account === null) throw new ReconInputError('bad_mt940', 'a statement has no :25: account');
    statements.push({ account: current.account, openingBalance: current.opening, closingBalance: current.closing, entries: current.entries });
    current = null;
  };
  for (const { tag, value, lineNumber } of fields) {
    try {
      if (tag === '20') {
        finish();
        current = { account: null, opening: null, closing: null, entries: [], currency: null };
        lastEntry = null;
        continue;
      }
      if (current === null) throw new ReconInputError('bad_mt940', `field :${tag}: before the :20: that opens a statement`);
      const st: OpenStatement = current;
      switch (tag) {
        case '25':
          st.account = value.trim();
          break;
        case '60F':
        case '60M':
          st.opening = readBalance(value);
          st.currency = st.opening.currency;
          break;
        case '62F':
        case '62M':
          st.closing = readBalance(value);
          st.currency ??= st.closing.currency;
          break;
        case '61':
          if (st.currency === null) throw new ReconInputError('bad_mt940', ':61: before an opening balance :60F: gives the currency');
          lastEntry = readLine(value, st.currency);
          st.entries.push(lastEntry);
          break;
        case '86':
          if (lastEntry !== null) applyNarrative(lastEntry, value);
          lastEntry = null;
          break;
        default:
          break;
      }
    } catch (error) {
      if (error instanceof ReconInputError && error.lineNumber === undefined) {
        throw new ReconInputError(error.code, error.message, lineNumber);
      }
      throw error;
    }
  }
  finish();
  if (statements.length === 0) throw new ReconInputError('bad_mt940', 'no :20: statement found');
  return statements;
}

function splitFields(text: string): { tag: string; value: string; lineNumber: number }[] {
  const fields: { tag: string; value: string; lineNumber: number }[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    // Strip the block wrappers: "{1:...}{2:...}{4:" before, "-}" after the text block.
    const stripped = raw.replace(/^(\{[1-3]:[^}]*\})*\{4:/, '').replace(/^-\}.*$/, '').replace(/^\{5:.*$/, '');
    // A bare "-" ends the text block (files cut out of the wrapper keep it): not part of a field.
    const line = stripped.trim() === '-' ? '' : stripped;
    const match = /^:(\d{2}[A-Z]?):(.*)$/.exec(line);
    if (match) fields.push({ tag: match[1] ?? '', value: match[2] ?? '', lineNumber: i + 1 });
    else if (line.trim() !== '' && fields.length > 0) {
      const last = fields[fields.length - 1];
      if (last) last.value += `\n${line}`;
    }
  });
  return fields;
}

function readBalance(value: string): Balance {
  const match = BALANCE.exec(value.trim());
  if (!match) throw new ReconInputError('bad_mt940', `"${value}" is not an MT940 balance (C/D, YYMMDD, currency, amount)`);
  const [, mark, date = '', currency = '', amount = ''] = match;
  return {
    amount: minorToDecimal(decimalToMinor(commaToPoint(amount), currency), currency),
    currency,
    creditDebit: mark === 'C' ? 'CRDT' : 'DBIT',
    date: yymmdd(date),
  };
}

function readLine(value: string, currency: string): StatementEntry {
  const [first = '', ...rest] = value.split('\n');
  const match = LINE61.exec(first.trim());
  if (!match) throw new ReconInputError('bad_mt940', `"${first}" is not an MT940 :61: statement line`);
  const [, valueDate = '', entryDate, mark = '', , amount = '', , ownerRef = '', bankRef] = match;
  const credit = mark === 'C' || mark === 'RD';
  const valueIso = yymmdd(valueDate);
  const owner = ownerRef.trim();
  return {
    amount: minorToDecimal(decimalToMinor(commaToPoint(amount), currency), currency),
    currency,
    creditDebit: credit ? 'CRDT' : 'DBIT',
    bookingDate: entryDate === undefined ? null : bookingDate(valueIso, entryDate),
    valueDate: valueIso,
    reference: bankRef?.trim() || null,
    endToEndId: owner === '' || owner === 'NONREF' ? null : owner,
    counterparty: null,
    remittance: rest.join(' ').trim() || null,
  };
}

/** A structured :86: subfield: "/CODE/value" up to the next "/CODE/" (codes are 2-4 capitals). */
function subfield(flat: string, code: string): string | undefined {
  const match = new RegExp(`/${code}/(.*?)(?=/[A-Z]{2,4}/|$)`).exec(flat);
  const value = match?.[1]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

const PLACEHOLDER_REFERENCES = new Set(['NOTPROVIDED', 'NONREF', 'NONE']);

/**
 * The :86: narrative: the whole text becomes the remittance; the structured subfields give what
 * matching and the screen need. End-to-end id: /EREF/. Reference, when the :61: line has no bank
 * reference: /EREF/, else the customer's /CREF/ or the mandate /MREF/. Counterparty: /NAME/ (also
 * inside /ORDP/ or /BENM/: "/BENM//NAME/WUHAN STEEL"), else the German ?32/?33.
 */
function applyNarrative(entry: StatementEntry, narrative: string): void {
  const flat = narrative.replace(/\n/g, '');
  const known = (value: string | undefined) => (value !== undefined && !PLACEHOLDER_REFERENCES.has(value.toUpperCase()) ? value : undefined);
  const eref = known(subfield(flat, 'EREF'));
  if (eref !== undefined && entry.endToEndId === null) entry.endToEndId = eref;
  const reference = eref ?? known(subfield(flat, 'CREF')) ?? known(subfield(flat, 'MREF'));
  if (reference !== undefined && entry.reference === null) entry.reference = reference;
  const name = subfield(flat, 'NAME') ?? /\?32([^?]*)(?:\?33([^?]*))?/.exec(flat)?.slice(1).join('');
  if (name && name.trim() !== '') entry.counterparty = name.trim();
  entry.remittance = [entry.remittance, narrative.replace(/\n/g, ' ').trim()].filter(Boolean).join(' ') || null;
}

function commaToPoint(amount: string): string {
  const [whole = '0', fraction = ''] = amount.split(',');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

function yymmdd(value: string): string {
  const date = `20${value.slice(0, 2)}-${value.slice(2, 4)}-${value.slice(4, 6)}`;
  dayNumber(date);
  return date;
}

/** The entry date has no year: take the one that puts it nearest the value date. */
function bookingDate(valueIso: string, mmdd: string): string {
  const year = Number(valueIso.slice(0, 4));
  const valueDay = dayNumber(valueIso);
  let best = '';
  let bestDistance = Infinity;
  for (const y of [year - 1, year, year + 1]) {
    const candidate = `${y}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`;
    let day: number;
    try {
      day = dayNumber(candidate);
    } catch {
      continue;
    }
    if (Math.abs(day - valueDay) < bestDistance) {
      bestDistance = Math.abs(day - valueDay);
      best = candidate;
    }
  }
  if (best === '') throw new ReconInputError('bad_mt940', `entry date "${mmdd}" is not a date`);
  return dateOfDay(dayNumber(best));
}
