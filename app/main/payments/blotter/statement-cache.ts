import type Database from 'better-sqlite3';
import type { Db } from '../../store/open-database';

/** Most distinct blotter statements kept prepared per connection (filters combine into many shapes). */
export const MAX_CACHED_STATEMENTS = 200;

const caches = new WeakMap<Db, Map<string, Database.Statement>>();

/** Prepares a generated statement once per connection; evicts the oldest beyond the limit. */
export function preparedSql(db: Db, text: string): Database.Statement {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(text);
  if (statement === undefined) {
    statement = db.prepare(text);
    cache.set(text, statement);
    if (cache.size > MAX_CACHED_STATEMENTS) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
  }
  return statement;
}
