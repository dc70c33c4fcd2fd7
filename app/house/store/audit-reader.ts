import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openPgliteStore } from './pglite-store';
import { liveLockOwner } from './data-dir-lock';
import type { SqlClient } from './sql-client';

export interface AuditReader {
  client: SqlClient;
  close(): Promise<void>;
}

/**
 * Opens a house ledger to read its audit log (`hankou audit verify`), changing nothing:
 * - a PGlite directory is opened under the house's own data-dir lock, so it refuses while a
 *   house runs on it (two PGlite processes on one directory would corrupt it; a live house is
 *   verified through GET /v1/admin/audit), and its session is read-only;
 * - a PostgreSQL server is read over one plain read-only session, without the house's writer
 *   lock, so it works beside a running house.
 * Migrations are not run: a ledger without the audit table is reported, not upgraded.
 */
export async function openHouseAuditReader(source: { dataDir: string } | { databaseUrl: string }): Promise<AuditReader> {
  let reader: AuditReader;
  if ('dataDir' in source) {
    // PGlite keeps a PostgreSQL data directory; refuse anything else rather than create one.
    if (!existsSync(join(source.dataDir, 'PG_VERSION'))) throw new Error(`${source.dataDir} is not a house data directory (no PG_VERSION)`);
    // The lock would let this process take over its own lock; a reader must never do that.
    const owner = liveLockOwner(source.dataDir);
    if (owner !== undefined) throw new Error(`data directory ${source.dataDir} is in use by process ${owner}`);
    const store = await openPgliteStore(source.dataDir);
    reader = { client: store, close: () => store.close() };
  } else {
    const client = new pg.Client({ connectionString: source.databaseUrl, connectionTimeoutMillis: 5000 });
    client.on('error', () => undefined);
    await client.connect();
    reader = {
      client: {
        async query<Row extends object>(sql: string, params: readonly unknown[] = []) {
          const result = await client.query(sql, params as unknown[]);
          return { rows: result.rows as Row[] };
        },
      },
      close: () => client.end(),
    };
  }
  try {
    await reader.client.query('SET default_transaction_read_only = on');
    const { rows } = await reader.client.query<{ table: string | null }>("SELECT to_regclass('audit_log')::text AS table");
    if (!rows[0]?.table) throw new Error('this house ledger has no audit_log table (its schema predates migration 3: start the house once to migrate it)');
  } catch (error) {
    await reader.close();
    throw error;
  }
  return reader;
}
