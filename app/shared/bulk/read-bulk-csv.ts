import { parseCsv } from '../recon/csv';
import { ReconInputError } from '../recon/statement-line';
import { BulkFileError, MAX_BULK_LINES, type BulkFile, type RawBulkLine } from './bulk-file';

/**
 * The bulk CSV layout (docs/bulk-import.md): UTF-8, comma-separated, RFC 4180 quoting, a
 * header row with exactly these column names in any order; one payment per row.
 */
export const BULK_CSV_COLUMNS = [
  'reference',
  'debtor_name',
  'debtor_account',
  'creditor_name',
  'creditor_account',
  'creditor_bank_code',
  'amount',
  'currency',
  'purpose',
] as const;

const FIELD: Record<(typeof BULK_CSV_COLUMNS)[number], keyof Omit<RawBulkLine, 'line'>> = {
  reference: 'endToEndId',
  debtor_name: 'debtorName',
  debtor_account: 'debtorAccount',
  creditor_name: 'creditorName',
  creditor_account: 'creditorAccount',
  creditor_bank_code: 'creditorBankCode',
  amount: 'amount',
  currency: 'currency',
  purpose: 'purpose',
};

export function readBulkCsv(text: string): BulkFile {
  let rows: string[][];
  try {
    rows = parseCsv(text, ',');
  } catch (error) {
    if (error instanceof ReconInputError) throw new BulkFileError('malformed', error.message);
    throw error;
  }
  const header = rows[0]?.map((h) => h.trim().toLowerCase());
  if (!header) throw new BulkFileError('empty', 'the file is empty');
  const missing = BULK_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new BulkFileError('not_bulk_csv', `the header lacks ${missing.join(', ')} (columns: ${BULK_CSV_COLUMNS.join(',')})`);
  if (rows.length - 1 > MAX_BULK_LINES) throw new BulkFileError('too_large', `more than ${MAX_BULK_LINES} payments in one file`);
  const index = BULK_CSV_COLUMNS.map((c) => [FIELD[c], header.indexOf(c)] as const);
  const lines: RawBulkLine[] = rows.slice(1).map((row, r) => {
    const line: RawBulkLine = {
      line: r + 2,
      endToEndId: null,
      debtorName: null,
      debtorAccount: null,
      creditorName: null,
      creditorAccount: null,
      creditorBankCode: null,
      amount: null,
      currency: null,
      purpose: null,
    };
    for (const [field, at] of index) {
      const value = row[at]?.trim() ?? '';
      line[field] = value === '' ? null : value;
    }
    return line;
  });
  if (lines.length === 0) throw new BulkFileError('empty', 'the file has a header but no payments');
  return { format: 'csv', version: '1', messageId: null, declaredCount: null, declaredTotal: null, lines };
}

/** pain.001 when the text looks like XML, else the CSV layout. */
export function looksLikeXml(text: string): boolean {
  return /^\s*(\ufeff)?\s*</.test(text);
}
