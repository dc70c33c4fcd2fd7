import { ReconInputError } from './statement-line';

/** A CSV row longer than this is refused: no core-system export needs it, a hostile one might. */
export const MAX_CSV_FIELD_CHARS = 4096;

/**
 * RFC 4180 CSV to rows of fields: quoted fields may hold the delimiter, doubled quotes and
 * line breaks; CRLF, LF and a leading BOM are accepted; blank lines are skipped. An unclosed
 * quote or text after a closing quote is an error with its line number.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  const delim = delimiter.charCodeAt(0);
  let row: string[] = [];
  let field = '';
  let lineNumber = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let fieldStart = i;
  const endRow = () => {
    if (!(row.length === 0 && field === '')) {
      row.push(field);
      rows.push(row);
    }
    row = [];
    field = '';
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 && i === fieldStart) {
      // Quoted field.
      const openedOn = lineNumber;
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new ReconInputError('bad_csv', 'a quoted field is never closed', openedOn);
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      for (const ch of value) if (ch === '\n') lineNumber += 1;
      if (value.length > MAX_CSV_FIELD_CHARS) throw new ReconInputError('bad_csv', 'a field is too long', lineNumber);
      field = value;
      const next = text.charCodeAt(i);
      if (i < n && next !== delim && next !== 10 && next !== 13) {
        throw new ReconInputError('bad_csv', 'text after a closing quote', lineNumber);
      }
      continue;
    }
    if (c === delim) {
      row.push(field);
      field = '';
      i += 1;
      fieldStart = i;
      continue;
    }
    if (c === 13 || c === 10) {
      endRow();
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      lineNumber += 1;
      fieldStart = i;
      continue;
    }
    // Unquoted run up to the next delimiter or line end.
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === delim || d === 10 || d === 13) break;
      if (d === 34) throw new ReconInputError('bad_csv', 'a quote inside an unquoted field', lineNumber);
      j += 1;
    }
    field += text.slice(i, j);
    if (field.length > MAX_CSV_FIELD_CHARS) throw new ReconInputError('bad_csv', 'a field is too long', lineNumber);
    i = j;
  }
  endRow();
  return rows;
}
