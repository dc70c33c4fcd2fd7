import { CsvSyntaxError, parseCsv as parseCsvText } from '../text/csv';
import { ReconInputError } from './statement-line';

/** A CSV row longer than this is refused: no core-system export needs it, a hostile one might. */
export const MAX_CSV_FIELD_CHARS = 4096;

/**
 * A books or statement CSV to rows of fields, through the shared RFC 4180 reader
 * (app/shared/text/csv.ts); broken quoting is a ReconInputError naming the line.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  try {
    return parseCsvText(text, { delimiter, maxFieldChars: MAX_CSV_FIELD_CHARS });
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ReconInputError('bad_csv', error.reason, error.line);
    throw error;
  }
}
