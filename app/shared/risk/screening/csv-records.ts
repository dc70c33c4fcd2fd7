/**
 * A small RFC 4180 reader for the sanctions files: quoted fields may hold commas, newlines and
 * doubled quotes. CR LF or LF end a record; a trailing DOS end-of-file mark (0x1A), which the
 * OFAC files have carried, is ignored. OFAC writes `-0- ,"x"`, so spaces around a quoted field
 * are allowed and dropped.
 */
export interface CsvError {
  line: number;
  message: string;
}

export type CsvResult = { ok: true; records: string[][] } | { ok: false; error: CsvError };

const SPECIAL = /[",\r\n]/g;

export function readCsvRecords(input: string): CsvResult {
  const text = input.endsWith('\x1a') ? input.slice(0, -1) : input;
  const records: string[][] = [];
  let record: string[] = [];
  let line = 1;
  let i = 0;
  const end = text.length;
  while (i <= end) {
    // Start of a field.
    let j = i;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    let field: string;
    if (text[j] === '"') {
      let value = '';
      let k = j + 1;
      for (;;) {
        const close = text.indexOf('"', k);
        if (close < 0) return { ok: false, error: { line, message: 'a quoted field opened on this line never closes' } };
        const chunk = text.slice(k, close);
        for (let n = chunk.indexOf('\n'); n >= 0; n = chunk.indexOf('\n', n + 1)) line++;
        value += chunk;
        if (text[close + 1] === '"') {
          value += '"';
          k = close + 2;
        } else {
          k = close + 1;
          break;
        }
      }
      while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
      if (k < end && text[k] !== ',' && text[k] !== '\r' && text[k] !== '\n') {
        return { ok: false, error: { line, message: 'text after a closing quote' } };
      }
      field = value;
      i = k;
    } else {
      SPECIAL.lastIndex = i;
      const found = SPECIAL.exec(text);
      const stop = found === null ? end : found.index;
      if (found !== null && found[0] === '"') return { ok: false, error: { line, message: 'stray quote inside a field' } };
      field = text.slice(i, stop);
      i = stop;
    }
    record.push(field);
    if (i >= end) {
      if (!(record.length === 1 && record[0] === '')) records.push(record);
      break;
    }
    const ch = text[i];
    if (ch === ',') {
      i++;
      continue;
    }
    // End of record.
    i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
    if (i >= end) break;
  }
  return { ok: true, records };
}
