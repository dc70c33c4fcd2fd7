import { PGlite } from '@electric-sql/pglite';
import type { HouseStore, SqlClient, TxClient } from './sql-client';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { copyTarget, encodeCopyText } from './copy-text';

/**
 * Embedded PostgreSQL (PGlite, WASM) in a directory: the default house store, one command and
 * no server. Only one process may open a directory; `acquireDataDirLock` enforces it and clears
 * the postmaster.pid a killed PGlite leaves behind.
 */
export async function openPgliteStore(dataDir: string | undefined): Promise<HouseStore> {
  let lock: DataDirLock | undefined;
  if (dataDir !== undefined) lock = acquireDataDirLock(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ?? 'memory://');
  } catch (error) {
    lock?.release();
    throw error;
  }
  const asClient = (q: Pick<PGlite, 'query'>): SqlClient => ({
    async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<Row>(sql, params as unknown[]);
      return { rows: result.rows };
    },
  });
  const asTxClient = (tx: Pick<PGlite, 'query'>): TxClient => ({
    ...asClient(tx),
    async copyRows(table, columns, rows) {
      if (rows.length === 0) return;
      // PGlite's COPY reads its data from the blob given with the query, as the file /dev/blob.
      await tx.query(`COPY ${copyTarget(table, columns)} FROM '/dev/blob'`, [], { blob: new Blob([encodeCopyText(rows)]) });
    },
  });
  const client = asClient(db);
  return {
    kind: 'pglite',
    query: client.query,
    async exec(sql) {
      await db.exec(sql);
    },
    async transaction(work) {
      return db.transaction((tx) => work(asTxClient(tx)));
    },
    async close() {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
