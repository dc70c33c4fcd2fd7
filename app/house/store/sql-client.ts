import type { CopyValue } from './copy-text';

/**
 * The house's whole view of its database: parameterised SQL, nothing more. Two adapters
 * implement it (PGlite embedded, PostgreSQL over pg); the SQL is written once, in the
 * PostgreSQL dialect both speak.
 */
export interface SqlClient {
  /**
   * `statementName`: PostgreSQL prepares the statement once per connection under that name and,
   * after a few runs, keeps a generic plan (no planning per call); for hot statements whose
   * planning costs more than running them. Adapters without it ignore the name.
   */
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[], statementName?: string): Promise<{ rows: Row[] }>;
}

/** Inside a store's transaction: SQL, and COPY for the hot path's bulk rows. */
export interface TxClient extends SqlClient {
  /**
   * Bulk insert with COPY (text format, store/copy-text.ts): the batch's payment rows. Names
   * are ours (checked as plain identifiers); values go as data, never as SQL.
   */
  copyRows(table: string, columns: readonly string[], rows: ReadonlyArray<readonly CopyValue[]>): Promise<void>;
}

export interface HouseStore extends SqlClient {
  readonly kind: 'pglite' | 'postgres';
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: TxClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * int8 comes back as bigint from PGlite and as a string from pg; both become bigint here.
 * Anything else in a money or sequence column is a broken invariant.
 */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new Error(`expected an integer from the database, got ${typeof value} ${String(value)}`);
}

/** A sequence number that must fit a JSON number exactly. */
export function toSafeNumber(value: unknown): number {
  const big = toBigInt(value);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new Error(`sequence ${big} is beyond 2^53`);
  }
  return Number(big);
}
