import { CsvSyntaxError, parseCsv } from '../../text/csv';

/**
 * The sanctions files through the shared CSV reader (app/shared/text/csv.ts), as a result
 * rather than an exception. A trailing DOS end-of-file mark (0x1A), which the OFAC files have
 * carried, is ignored; OFAC writes `-0- ,"x"`, so spaces around a quoted field are dropped.
 */
export interface CsvError {
  line: number;
  message: string;
}

export type CsvResult = { ok: true; records: string[][] } | { ok: false; error: CsvError };

export function readCsvRecords(input: string): CsvResult {
  const text = input.endsWith('\x1a') ? input.slice(0, -1) : input;
  try {
    return { ok: true, records: parseCsv(text, { spacesAroundQuotes: true }) };
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { ok: false, error: { line: error.line, message: error.reason } };
    throw error;
  }
}
