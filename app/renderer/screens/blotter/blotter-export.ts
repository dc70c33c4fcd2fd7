import type { PaymentRow } from '../../../shared/contract';
import { centreDateTime } from '../../components/amount-text';

/** One file holds at most this many payments: a day's work many times over, well inside memory. */
export const BLOTTER_EXPORT_MAX_ROWS = 50_000;

/** The columns of the export, in the blotter's order; labels are the operator's language. */
export const EXPORT_COLUMNS = [
  'id', 'createdAt', 'businessDate', 'direction', 'kind', 'priority', 'status', 'counterpartyName', 'amount', 'currency',
  'counterparty', 'debtorName', 'debtorAccount', 'creditorName', 'creditorAccount', 'purpose', 'maker', 'checker', 'reason',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/**
 * A cell as text a spreadsheet keeps as text: quoted when it holds a comma, quote or line
 * break, and with one leading ' when it starts like a formula (= + - @, tab, CR): customer names
 * and purposes are typed by people, and must never run in Excel. Amounts are left as numbers.
 */
export function csvCell(value: string, numeric = false): string {
  const safe = !numeric && /^[=+\-@\t\r']/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV: a header of labels, one line per payment, times in the centre's zone (UTC+8). */
export function blotterCsv(rows: readonly PaymentRow[], label: (column: ExportColumn) => string, value: (column: ExportColumn, row: PaymentRow) => string): string {
  const lines = [EXPORT_COLUMNS.map((c) => csvCell(label(c))).join(',')];
  for (const row of rows) lines.push(EXPORT_COLUMNS.map((c) => csvCell(value(c, row), c === 'amount')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The plain value of a column (codes turned into words by `words`), times in UTC+8. */
export function exportValue(column: ExportColumn, row: PaymentRow, words: (column: 'direction' | 'kind' | 'priority' | 'status', code: string) => string): string {
  switch (column) {
    case 'createdAt':
      return centreDateTime(row.createdAt);
    case 'direction':
    case 'kind':
    case 'status':
      return words(column, row[column]);
    case 'priority':
      return words('priority', String(row.priority));
    case 'checker':
    case 'reason':
      return row[column] ?? '';
    default:
      return row[column];
  }
}

/** "hankou-payments-20261207T153000+0800.csv", named in the centre's time. */
export function exportFileName(nowIso: string): string {
  return `hankou-payments-${centreDateTime(nowIso).replace(/[-:]/g, '').replace(' ', 'T')}+0800.csv`;
}
