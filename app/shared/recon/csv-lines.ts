import { z } from 'zod';
import { decimalToMinor } from './currency-digits';
import { parseCsv } from './csv';
import { dayNumber } from './days';
import { assertUniqueIds, ReconInputError, type StatementLine } from './statement-line';

/** `cycle`: the clearing cycle that settled a DNS payment (`<date>/<cycle>`), as the console's books export writes it. */
export const CSV_FIELDS = ['id', 'date', 'amount', 'currency', 'reference', 'counterparty', 'description', 'cycle'] as const;
type CsvField = (typeof CSV_FIELDS)[number];

const columnRef = z.union([z.string().min(1), z.number().int().min(0).max(1000)]);

/**
 * Where each field lives in a CSV: a header name or a 0-based column index. The default is
 * the documented layout `id,date,amount,currency,reference,counterparty,description`, by
 * header name when the first row is that header, else by position.
 */
export const csvMappingSchema = z
  .object({
    columns: z
      .object({
        id: columnRef,
        date: columnRef,
        amount: columnRef,
        currency: columnRef.optional(),
        reference: columnRef.optional(),
        counterparty: columnRef.optional(),
        description: columnRef.optional(),
        cycle: columnRef.optional(),
      })
      .strict()
      .optional(),
    delimiter: z.enum([',', ';', '\t', '|']).default(','),
    /** The currency of every row, for exports without a currency column. */
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    /** Some core systems export debits as positive: flip them so + is always a credit. */
    amountSign: z.enum(['credit-positive', 'debit-positive']).default('credit-positive'),
  })
  .strict();
export type CsvMapping = z.input<typeof csvMappingSchema>;

/**
 * CSV text to statement lines. Throws ReconInputError on a bad mapping ('bad_mapping') and,
 * with the line number, on a bad row.
 */
export function readCsvLines(text: string, mappingInput: CsvMapping = {}, side = 'csv'): StatementLine[] {
  const parsedMapping = csvMappingSchema.safeParse(mappingInput ?? {});
  if (!parsedMapping.success) {
    const issue = parsedMapping.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new ReconInputError('bad_mapping', `${side}: the CSV mapping is not valid: ${where}${issue?.message ?? 'invalid'}`);
  }
  const mapping = parsedMapping.data;
  const rows = parseCsv(text, mapping.delimiter);
  const first = rows[0];
  if (first === undefined) return [];
  const { index, headerRows } = resolveColumns(first, mapping.columns);
  const lines: StatementLine[] = [];
  for (let r = headerRows; r < rows.length; r += 1) {
    const row = rows[r] ?? [];
    const lineNumber = r + 1;
    const get = (field: CsvField): string | null => {
      const at = index[field];
      if (at === undefined) return null;
      const value = (row[at] ?? '').trim();
      return value === '' ? null : value;
    };
    try {
      const id = get('id');
      if (id === null) throw new ReconInputError('bad_csv', 'the id is empty');
      const currency = get('currency') ?? mapping.currency ?? null;
      if (currency === null) throw new ReconInputError('bad_csv', 'no currency column and no mapping.currency');
      const amountText = get('amount');
      if (amountText === null) throw new ReconInputError('bad_csv', 'the amount is empty');
      const amount = decimalToMinor(amountText, currency);
      lines.push({
        id,
        date: normaliseDate(get('date')),
        amountMinor: mapping.amountSign === 'debit-positive' ? -amount : amount,
        currency,
        reference: get('reference'),
        endToEndId: null,
        counterparty: get('counterparty'),
        description: get('description'),
        ...(index.cycle === undefined ? {} : { cycleId: get('cycle') }),
      });
    } catch (error) {
      if (error instanceof ReconInputError && error.lineNumber === undefined) {
        throw new ReconInputError(error.code, `${side}: ${error.message}`, lineNumber);
      }
      throw error;
    }
  }
  assertUniqueIds(lines, side);
  return lines;
}

function resolveColumns(
  first: string[],
  columns: z.infer<typeof csvMappingSchema>['columns'],
): { index: Partial<Record<CsvField, number>>; headerRows: number } {
  const header = first.map((h) => h.trim().toLowerCase());
  const index: Partial<Record<CsvField, number>> = {};
  if (columns === undefined) {
    const looksLikeHeader = ['id', 'date', 'amount'].every((name) => header.includes(name));
    CSV_FIELDS.forEach((field, position) => {
      const at = looksLikeHeader ? header.indexOf(field) : position;
      if (at >= 0) index[field] = at;
    });
    return { index, headerRows: looksLikeHeader ? 1 : 0 };
  }
  let byName = false;
  for (const field of CSV_FIELDS) {
    const ref = columns[field];
    if (ref === undefined) continue;
    if (typeof ref === 'number') {
      index[field] = ref;
      continue;
    }
    byName = true;
    const at = header.indexOf(ref.trim().toLowerCase());
    if (at < 0) throw new ReconInputError('bad_mapping', `the header has no column "${ref}" (for ${field})`, 1);
    index[field] = at;
  }
  return { index, headerRows: byName ? 1 : 0 };
}

/** YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD to YYYY-MM-DD; a calendar check included. */
function normaliseDate(value: string | null): string {
  if (value === null) throw new ReconInputError('bad_date', 'the date is empty');
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const date = compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : value.slice(0, 10).replace(/\//g, '-');
  dayNumber(date);
  return date;
}
