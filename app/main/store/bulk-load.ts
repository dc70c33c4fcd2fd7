import type { Db } from './open-database';

/**
 * Runs a bulk load into `table` with its secondary indexes dropped and rebuilt afterwards (a
 * sorted build is several times faster than maintaining ten indexes row by row) and without
 * fsync per batch. Only for loads into a store nobody uses yet (demo, bench): if the process
 * dies midway the store is thrown away, so synchronous=FULL is restored at the end.
 */
export function withIndexesDeferred<T>(db: Db, table: string, load: () => T): T {
  const indexes = db
    .prepare<[string], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
    )
    .all(table);
  db.pragma('synchronous = OFF');
  try {
    db.transaction(() => {
      for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
    })();
    const result = load();
    db.transaction(() => {
      for (const index of indexes) db.exec(index.sql);
    })();
    return result;
  } finally {
    db.pragma('synchronous = FULL');
  }
}
