import pg from 'pg';
import type { HouseStore, SqlClient, TxClient } from './sql-client';
import { copyTarget, encodeCopyText } from './copy-text';
import { copyFromStdin } from './pg-copy';

/** Connections: one writer (the engine host) plus readers for pull and accounts. */
const POOL_SIZE = 6;
/** Session advisory lock key: one house writer per database ("HANKOU" in ASCII-ish digits). */
const WRITER_LOCK_KEY = 7_265_078_521;

/** A PostgreSQL server (`--database-url`): production and the CI's second run of the tests. */
/** SQL through a pg pool or one of its connections. */
export const pgClient = (q: pg.Pool | pg.PoolClient): SqlClient => ({
  async query<Row extends object>(sql: string, params: readonly unknown[] = [], statementName?: string) {
    const result = statementName === undefined ? await q.query(sql, params as unknown[]) : await q.query({ name: statementName, text: sql, values: params as unknown[] });
    return { rows: result.rows as Row[] };
  },
});

/** Inside a transaction on one connection: SQL and COPY for the batch's rows. */
export const pgTxClient = (connection: pg.PoolClient): TxClient => ({
  ...pgClient(connection),
  async copyRows(table, columns, rows) {
    if (rows.length > 0) await copyFromStdin(connection, `COPY ${copyTarget(table, columns)} FROM STDIN`, encodeCopyText(rows));
  },
});

export interface PostgresStoreOptions {
  /**
   * Take the single-writer lock (default). Off only for a tool that writes no engine state and
   * runs beside the house on purpose: `house archive run` (its commit takes the tables' locks in
   * the batches' order, house-archive.ts).
   */
  writerLock?: boolean;
}

export async function openPostgresStore(databaseUrl: string, options: PostgresStoreOptions = {}): Promise<HouseStore> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  // A server that went away must surface as failed queries, not crash the process.
  pool.on('error', () => undefined);
  // The engine host assumes it is the only writer (it numbers commands and changes itself), so
  // a second house on the same database is refused. The lock lives as long as this session.
  const lockHolder = new pg.Client({ connectionString: databaseUrl });
  lockHolder.on('error', () => undefined);
  try {
    await lockHolder.connect();
    if (options.writerLock !== false) {
      const { rows } = await lockHolder.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [WRITER_LOCK_KEY]);
      if (!rows[0]?.locked) throw new Error('another house process is already writing to this database');
    }
  } catch (error) {
    await lockHolder.end().catch(() => undefined);
    await pool.end();
    throw error;
  }
  const client = pgClient(pool);
  return {
    kind: 'postgres',
    query: client.query,
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(work) {
      const connection = await pool.connect();
      let broken = false;
      try {
        await connection.query('BEGIN');
        const result = await work(pgTxClient(connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await connection.query('ROLLBACK');
        } catch {
          broken = true; // the connection is gone; do not hand it back to the pool
        }
        throw error;
      } finally {
        connection.release(broken);
      }
    },
    async close() {
      await pool.end();
      await lockHolder.end().catch(() => undefined);
    },
  };
}
