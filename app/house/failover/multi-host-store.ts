import pg from 'pg';
import type { HouseStore } from '../store/sql-client';
import { pgClient, pgTxClient } from '../store/postgres-store';

/** Connections: one writer (the engine host) plus readers for pull and accounts. */
const POOL_SIZE = 6;
const PROBE_TIMEOUT_MS = 1_500;

/**
 * Errors that mean "this server is gone or is not the primary any more": the pool is dropped and
 * the next statement looks for the writable server again. Class 08 (connection), 57P0x (shut
 * down, cannot connect now), 25006 (read-only: a standby not yet promoted), and the socket's own.
 */
export function isServerLost(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  const code = String(e?.code ?? '');
  if (code.startsWith('08') || code.startsWith('57P') || code === '25006') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(String(e?.message ?? ''));
}

const ignoreError = (): void => undefined;

/** The first server of the list that answers and is not in recovery (the primary), or undefined. */
export async function findPrimary(urls: readonly string[]): Promise<string | undefined> {
  for (const url of urls) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
      if (rows[0]?.standby === false) return url;
    } catch {
      // down or unreachable: the next one
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return undefined;
}

/**
 * The house store over a PostgreSQL primary and its standbys (`--database-url` given more than
 * once). It talks to whichever is the primary; when that server goes away (stopped, crashed,
 * partitioned) or turns read-only, the pool is dropped and the next statement finds the primary
 * again, e.g. the standby once it has been promoted. The failed statement itself fails: the engine
 * host answers 503, rebuilds from the new primary and the console resends (docs/failover.md).
 * No writer advisory lock: in failover mode the lease (lease.ts) decides who writes.
 */
export function openMultiHostStore(urls: readonly string[], onSwitch?: (url: string) => void): HouseStore {
  if (urls.length === 0) throw new Error('no database URL');
  let current: { url: string; pool: pg.Pool } | undefined;
  let finding: Promise<pg.Pool> | undefined;
  const pool = (): Promise<pg.Pool> => {
    if (current) return Promise.resolve(current.pool);
    finding ??= (async () => {
      const url = await findPrimary(urls);
      if (url === undefined) throw Object.assign(new Error(`no writable PostgreSQL among ${urls.length} server(s)`), { code: '08001' });
      // A silent network (packets dropped, not refused) must end in an error, not a hang.
      const created = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: 3_000, query_timeout: 30_000, keepAlive: true });
      created.on('error', () => undefined);
      current = { url, pool: created };
      onSwitch?.(url);
      return created;
    })().finally(() => {
      finding = undefined;
    });
    return finding;
  };
  const lost = (error: unknown, used: pg.Pool | undefined): void => {
    if (!isServerLost(error) || used === undefined || current?.pool !== used) return;
    current = undefined;
    void used.end().catch(() => undefined);
  };
  return {
    kind: 'postgres',
    async query<Row extends object>(sql: string, params: readonly unknown[] = [], statementName?: string) {
      let used: pg.Pool | undefined;
      try {
        used = await pool();
        return await pgClient(used).query<Row>(sql, params, statementName);
      } catch (error) {
        lost(error, used);
        throw error;
      }
    },
    async exec(sql) {
      let used: pg.Pool | undefined;
      try {
        used = await pool();
        await used.query(sql);
      } catch (error) {
        lost(error, used);
        throw error;
      }
    },
    async transaction(work) {
      let used: pg.Pool | undefined;
      let connection: pg.PoolClient | undefined;
      let broken = false;
      try {
        used = await pool();
        connection = await used.connect();
        // A server that dies under a checked-out connection emits 'error' on it: without a
        // listener that would end the process instead of failing this transaction.
        connection.on('error', ignoreError);
        await connection.query('BEGIN');
        const result = await work(pgTxClient(connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        if (connection) {
          try {
            await connection.query('ROLLBACK');
          } catch {
            broken = true;
          }
        }
        lost(error, used);
        throw error;
      } finally {
        connection?.off('error', ignoreError);
        connection?.release(broken);
      }
    },
    async close() {
      const open = current;
      current = undefined;
      await open?.pool.end().catch(() => undefined);
    },
  };
}
