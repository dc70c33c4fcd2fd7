import { readIso20022, type Statement } from '../iso20022';
import { decimalToMinor } from './currency-digits';
import { readCsvLines, type CsvMapping } from './csv-lines';
import { readMt940 } from './mt940';
import { ReconInputError, type StatementLine } from './statement-line';

export type StatementFormat = 'camt' | 'mt940' | 'csv';

/** Decides the format by content, not by file name: XML, SWIFT tagged fields, else CSV. */
export function detectStatementFormat(text: string): StatementFormat {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 4096);
  if (head.startsWith('<')) return 'camt';
  if (/^(\{1:[^}]*\})?(\{2:[^}]*\})?(\{3:[^}]*\})?(\{4:)?\s*:20:/.test(head) || /(^|\n):20:[^\n]*\n(.|\n)*:25:/.test(head)) {
    return 'mt940';
  }
  return 'csv';
}

/**
 * Normalised statements (camt.053/054, MT940) to statement lines. The value date dates a
 * line (the day the money moved), else the booking date. A line's id is its bank reference
 * when that is unique in the file, else its position `S<statement>-<entry>`.
 */
export function statementsToLines(statements: readonly Statement[]): StatementLine[] {
  const refCounts = new Map<string, number>();
  for (const s of statements) {
    for (const e of s.entries) if (e.reference !== null) refCounts.set(e.reference, (refCounts.get(e.reference) ?? 0) + 1);
  }
  const lines: StatementLine[] = [];
  const used = new Set<string>();
  statements.forEach((statement, s) => {
    statement.entries.forEach((entry, e) => {
      const date = entry.valueDate ?? entry.bookingDate;
      if (date === null) throw new ReconInputError('bad_statement', `statement ${s + 1} entry ${e + 1} has no date`);
      const magnitude = decimalToMinor(entry.amount, entry.currency);
      let id = entry.reference !== null && refCounts.get(entry.reference) === 1 ? entry.reference : `S${s + 1}-${e + 1}`;
      if (used.has(id)) id = `S${s + 1}-${e + 1}`;
      used.add(id);
      lines.push({
        id,
        date,
        amountMinor: entry.creditDebit === 'CRDT' ? magnitude : -magnitude,
        currency: entry.currency,
        reference: entry.reference,
        endToEndId: entry.endToEndId,
        counterparty: entry.counterparty,
        description: entry.remittance,
      });
    });
  });
  return lines;
}

/** Any statement file (camt.053/054, MT940 or CSV) to statement lines. */
export function readStatementLines(text: string, csvMapping?: CsvMapping): { format: StatementFormat; lines: StatementLine[] } {
  const format = detectStatementFormat(text);
  if (format === 'csv') return { format, lines: readCsvLines(text, csvMapping, 'statement') };
  if (format === 'mt940') return { format, lines: statementsToLines(readMt940(text)) };
  const message = readIso20022(text);
  if (message.type !== 'camt.053' && message.type !== 'camt.054') {
    throw new ReconInputError('not_a_statement', `the file is a ${message.type}, not a camt.053/054 statement`);
  }
  return { format, lines: statementsToLines(message.statements) };
}
