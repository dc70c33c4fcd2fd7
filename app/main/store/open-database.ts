import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';

export type Db = Database.Database;

/** How long a writer waits for another connection's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens the console store. WAL lets the grid read while a capture commits; synchronous=FULL
 * because a clerk told "saved" must find the payment after a power cut; foreign keys on because
 * SQLite leaves them off by default.
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!options.readonly) {
    // Customer names and accounts live here: readable by the operating-system user only.
    // SQLite gives the -wal and -shm files the same mode.
    if (path !== ':memory:' && path !== '') chmodSync(path, 0o600);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    // ':memory:' databases answer 'memory'; a file that cannot do WAL is a broken setup.
    if (mode !== 'wal' && mode !== 'memory') throw new Error(`SQLite refused WAL mode (got ${String(mode)}) for ${path}`);
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // 64 MiB page cache: the blotter's indexes at 1M rows stay hot.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return db;
}

/**
 * Statements prepared once per connection, declared next to the function that runs them:
 *   const sql = preparedOnce((db) => ({ byId: db.prepare('SELECT ...') }));
 *   sql(db).byId.get(id)
 */
export function preparedOnce<T>(prepare: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statements = cache.get(db);
    if (statements === undefined) {
      statements = prepare(db);
      cache.set(db, statements);
    }
    return statements;
  };
}
