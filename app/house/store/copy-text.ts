/** A value of one COPY field; null is SQL NULL. */
export type CopyValue = string | number | bigint | null;

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Identifiers are ours, never input; anything else in one is a bug, refused before it reaches SQL. */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function field(value: CopyValue): string {
  if (value === null) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch] ?? ch) : text;
}

/**
 * Rows in PostgreSQL's COPY text format: fields split by tabs, rows ended by newlines, NULL as
 * \N, and backslash, tab, newline and carriage return escaped with a backslash. A field that
 * is exactly "\." is written "\\." so it cannot end the data early.
 */
export function encodeCopyText(rows: ReadonlyArray<readonly CopyValue[]>): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i += 1) {
      if (i > 0) out += '\t';
      out += field(row[i] ?? null);
    }
    out += '\n';
  }
  return out;
}

/** `table (a, b, c)` for a COPY statement, after checking every name is a plain identifier. */
export function copyTarget(table: string, columns: readonly string[]): string {
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier for COPY: ${JSON.stringify(name)}`);
  }
  if (columns.length === 0) throw new Error(`COPY into ${table} names no columns`);
  return `${table} (${columns.join(', ')})`;
}
