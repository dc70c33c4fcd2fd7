import type { BulkBatch, BulkLine } from '../../../shared/contract/handlers/bulk';
import type { Role } from '../../../shared/domain/operator';
import { tryParseAmount } from '../../../shared/money';

/**
 * What the batch screen offers whom, and why not: the back end refuses the same (bulk handlers,
 * operator limits); the screen disables the button and says the reason before the click.
 */
export type BatchVerifyBlock = 'notSupervisor' | 'ownBatch' | 'verified' | 'invalidLines' | 'empty' | 'aboveLimit';

export function batchVerifyBlock(me: { username: string; roles: readonly Role[]; checkerLimit: string | null }, batch: BulkBatch): BatchVerifyBlock | null {
  if (!me.roles.includes('supervisor')) return 'notSupervisor';
  if (batch.status === 'verified') return 'verified';
  if (batch.importedBy === me.username) return 'ownBatch';
  if (batch.invalid > 0) return 'invalidLines';
  if (batch.valid === 0) return 'empty';
  if (me.checkerLimit !== null && minorOf(batch.total) > minorOf(me.checkerLimit)) return 'aboveLimit';
  return null;
}

export type LineEditBlock = 'notClerk' | 'verified' | 'closed';

export function lineEditBlock(roles: readonly Role[], batch: BulkBatch, line: BulkLine): LineEditBlock | null {
  if (!roles.includes('clerk')) return 'notClerk';
  if (batch.status === 'verified') return 'verified';
  if (line.state === 'dropped' || line.state === 'submitted') return 'closed';
  return null;
}

/** The pain.002 goes to the customer once it is their final answer: every line settled, rejected or dropped. */
export function exportBlock(batch: BulkBatch): 'notFinal' | null {
  return batch.final ? null : 'notFinal';
}

function minorOf(amount: string): bigint {
  const parsed = tryParseAmount(amount, 'CNY');
  return parsed.ok ? parsed.amountMinor : 0n;
}

/** The line fields a clerk may correct, in the order of the form, with the file field each answers for. */
export const EDITABLE_FIELDS = [
  ['creditorName', 'creditor_name'],
  ['creditorAccount', 'creditor_account'],
  ['creditorBankCode', 'creditor_bank_code'],
  ['amount', 'amount'],
  ['currency', 'currency'],
  ['purpose', 'purpose'],
  ['reference', 'reference'],
  ['debtorName', 'debtor_name'],
  ['debtorAccount', 'debtor_account'],
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number][0];
export type LineForm = Record<EditableField, string>;

export function lineForm(line: BulkLine): LineForm {
  return Object.fromEntries(EDITABLE_FIELDS.map(([field]) => [field, line[field] ?? ''])) as LineForm;
}

/** Only what the clerk changed goes back (empty means "not given"). */
export function changedFields(line: BulkLine, form: LineForm): Partial<Record<EditableField, string | null>> {
  const out: Partial<Record<EditableField, string | null>> = {};
  for (const [field] of EDITABLE_FIELDS) {
    const value = form[field].trim() === '' ? null : form[field].trim();
    if (value !== (line[field] ?? null)) out[field] = value;
  }
  return out;
}

/** A duplicate the customer may mean (a second identical payment) is confirmed, not corrected. */
export function isDuplicateOnly(line: BulkLine): boolean {
  return line.errors.length > 0 && line.errors.every((e) => e.code === 'duplicate_in_file' || e.code === 'duplicate_recent');
}

/** Bytes a file may have before it is read: the contract takes 900,000 characters, at most 4 bytes each in UTF-8. */
export const MAX_BULK_FILE_BYTES = 3_600_000;
