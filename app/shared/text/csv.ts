/**
 * The one RFC 4180 CSV reader (recon's statement and books files, the sanctions lists): quoted
 * fields may hold the delimiter, doubled quotes and line breaks; CRLF, LF and a leading BOM are
 * accepted; blank lines are skipped. Broken quoting is a CsvSyntaxError naming the line.
 */
export interface CsvOptions {
  /** One character; ',' by default. */
  delimiter?: string;
  /** A field longer than this is refused (a hostile file, not an export). Unlimited by default. */
  maxFieldChars?: number;
  /**
   * Spaces and tabs around a quoted field are dropped instead of refused: OFAC writes
   * `-0- ,"x"` and `, "x"`.
   */
  spacesAroundQuotes?: boolean;
}

export type CsvSyntaxCode = 'unclosed_quote' | 'text_after_quote' | 'stray_quote' | 'field_too_long';

const MESSAGES: Record<CsvSyntaxCode, string> = {
  unclosed_quote: 'a quoted field is never closed',
  text_after_quote: 'text after a closing quote',
  stray_quote: 'a quote inside an unquoted field',
  field_too_long: 'a field is too long',
};

export class CsvSyntaxError extends Error {
  readonly code: CsvSyntaxCode;
  /** 1-based; for an unclosed quote, the line it opened on. */
  readonly line: number;
  readonly reason: string;
  constructor(code: CsvSyntaxCode, line: number) {
    super(`line ${line}: ${MESSAGES[code]}`);
    this.name = 'CsvSyntaxError';
    this.code = code;
    this.line = line;
    this.reason = MESSAGES[code];
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  const delim = (options.delimiter ?? ',').charCodeAt(0);
  const maxField = options.maxFieldChars ?? Number.POSITIVE_INFINITY;
  const loose = options.spacesAroundQuotes === true;
  const rows: string[][] = [];
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
    let c = text.charCodeAt(i);
    if (loose && i === fieldStart && (c === SPACE || c === TAB)) {
      // Leading blanks belong to the field unless a quote follows them.
      let j = i;
      while (j < n && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j += 1;
      if (text.charCodeAt(j) === QUOTE) {
        i = j;
        fieldStart = j;
        c = QUOTE;
      }
    }
    if (c === QUOTE && i === fieldStart) {
      const openedOn = lineNumber;
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new CsvSyntaxError('unclosed_quote', openedOn);
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) lineNumber += 1;
      if (value.length > maxField) throw new CsvSyntaxError('field_too_long', lineNumber);
      field = value;
      if (loose) while (i < n && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i += 1;
      const next = text.charCodeAt(i);
      if (i < n && next !== delim && next !== LF && next !== CR) throw new CsvSyntaxError('text_after_quote', lineNumber);
      continue;
    }
    if (c === delim) {
      row.push(field);
      field = '';
      i += 1;
      fieldStart = i;
      continue;
    }
    if (c === CR || c === LF) {
      endRow();
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      lineNumber += 1;
      fieldStart = i;
      continue;
    }
    // Unquoted run up to the next delimiter or line end.
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === delim || d === LF || d === CR) break;
      if (d === QUOTE) throw new CsvSyntaxError('stray_quote', lineNumber);
      j += 1;
    }
    field += text.slice(i, j);
    if (field.length > maxField) throw new CsvSyntaxError('field_too_long', lineNumber);
    i = j;
  }
  endRow();
  return rows;
}
