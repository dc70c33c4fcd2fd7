import { writeCamt053, type Balance, type StatementEntry } from '../../shared/iso20022';
import { minorToDecimal, type StatementLine } from '../../shared/recon';
import { readHouseStatement } from '../reconciliation/house-statement';
import { selfParticipant } from '../settings/participants';
import type { Db } from '../store/open-database';

/**
 * A demo day as files (docs/examples/recon): the books as the console would export them (CSV,
 * with each DNS payment's cycle) and the house statement of our CNY settlement account as a
 * camt.053 and as an MT940, so `hankou recon` and the workspace can be tried on them. In the
 * files a cycle's net entry names its cycle in its bank reference ("2026-12-04/3"): a file has no
 * field of its own for it, and the engine's by-cycle rule reads it there.
 */
export interface DemoStatementFiles {
  booksCsv: string;
  camt053: string;
  mt940: string;
}

const CURRENCY = 'CNY';

function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function booksLines(db: Db, businessDate: string): StatementLine[] {
  return db
    .prepare<[string], { id: string; direction: 'in' | 'out'; amount_minor: bigint; counterparty_name: string; purpose: string; cycle_id: string | null }>(
      `SELECT p.id, p.direction, p.amount_minor, p.counterparty_name, p.purpose, c.cycle_id FROM payments p
       LEFT JOIN house_payment_cycles c ON c.payment_id = p.id
       WHERE p.business_date = ? AND p.currency = 'CNY' AND p.status IN ('settled', 'netted') ORDER BY p.id`,
    )
    .safeIntegers()
    .all(businessDate)
    .map((p) => ({
      id: p.id,
      date: businessDate,
      amountMinor: p.direction === 'in' ? p.amount_minor : -p.amount_minor,
      currency: CURRENCY,
      reference: p.id,
      endToEndId: p.id,
      counterparty: p.counterparty_name,
      description: p.purpose,
      cycleId: p.cycle_id === null ? null : `${businessDate}/${p.cycle_id}`,
    }));
}

/** The statement's lines as a file carries them: a net line's reference is its cycle. */
function fileLines(db: Db, businessDate: string) {
  const house = readHouseStatement(db, businessDate, CURRENCY);
  if (house.openingMinor === null || house.closingMinor === null) throw new Error(`no house statement for ${businessDate}`);
  const lines = house.lines.map((line) => ({ ...line, reference: line.cycleId ?? line.reference }));
  return { lines, openingMinor: house.openingMinor, closingMinor: house.closingMinor };
}

const balance = (minor: bigint, date: string): Balance => ({
  amount: minorToDecimal(minor < 0n ? -minor : minor, CURRENCY),
  currency: CURRENCY,
  creditDebit: minor < 0n ? 'DBIT' : 'CRDT',
  date,
});

const yymmdd = (date: string) => date.slice(2).replaceAll('-', '');
const comma = (minor: bigint) => minorToDecimal(minor < 0n ? -minor : minor, CURRENCY).replace('.', ',');

export function demoStatementFiles(db: Db, businessDate: string): DemoStatementFiles {
  const account = selfParticipant(db).bankCode;
  const books = booksLines(db, businessDate);
  const header = 'id,date,amount,currency,reference,counterparty,description,cycle';
  const booksCsv = `${[header, ...books.map((l) =>
    [l.id, l.date, minorToDecimal(l.amountMinor, CURRENCY), CURRENCY, l.reference, l.counterparty, l.description, l.cycleId ?? null].map(csvField).join(','),
  )].join('\r\n')}\r\n`;

  const { lines, openingMinor, closingMinor } = fileLines(db, businessDate);
  const entries: StatementEntry[] = lines.map((l) => ({
    amount: minorToDecimal(l.amountMinor < 0n ? -l.amountMinor : l.amountMinor, CURRENCY),
    currency: CURRENCY,
    creditDebit: l.amountMinor < 0n ? 'DBIT' : 'CRDT',
    bookingDate: businessDate,
    valueDate: businessDate,
    reference: l.reference,
    endToEndId: l.endToEndId,
    counterparty: l.counterparty,
    remittance: l.description,
  }));
  const compact = businessDate.replaceAll('-', '');
  const camt053 = writeCamt053(
    { type: 'camt.053', version: '001.08', statements: [{ account, openingBalance: balance(openingMinor, businessDate), closingBalance: balance(closingMinor, businessDate), entries }] },
    { messageId: `HKB-STMT-${compact}`, creationDateTime: `${businessDate}T17:30:00+08:00` },
  );

  // MT940: references of up to 16 characters fit the :61: bank reference; a payment id (longer)
  // goes in the :86: narrative as /EREF/, which the reader takes as the reference.
  const mt = [`:20:HKB${compact}`, `:25:${account}`, ':28C:1/1', `:60F:${openingMinor < 0n ? 'D' : 'C'}${yymmdd(businessDate)}${CURRENCY}${comma(openingMinor)}`];
  for (const l of lines) {
    const mark = l.amountMinor < 0n ? 'D' : 'C';
    const shortRef = l.reference !== null && l.reference.length <= 16 ? l.reference : null;
    mt.push(`:61:${yymmdd(businessDate)}${businessDate.slice(5).replace('-', '')}${mark}${comma(l.amountMinor)}NTRFNONREF${shortRef === null ? '' : `//${shortRef}`}`);
    const narrative = [shortRef === null && l.reference !== null ? `/EREF/${l.reference}` : '', l.counterparty === null ? '' : `/NAME/${l.counterparty}`, l.description === null ? '' : `/REMI/${l.description}`].join('');
    if (narrative !== '') mt.push(`:86:${narrative}`);
  }
  mt.push(`:62F:${closingMinor < 0n ? 'D' : 'C'}${yymmdd(businessDate)}${CURRENCY}${comma(closingMinor)}`, '-');
  return { booksCsv, camt053, mt940: `${mt.join('\r\n')}\r\n` };
}
