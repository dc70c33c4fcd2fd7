import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describeFiles, listFiles, writeManifest, type BackupManifest } from './backup-manifest';
import { runPg } from './pg-tools';
import { toSafeNumber } from '../store/sql-client';

export const DUMP_FILE = 'house.dump';
export const BASE_DIR = 'base';

export interface HouseBackupOptions {
  databaseUrl: string;
  outDir: string;
  /** dump (default): pg_dump; base: pg_basebackup for point-in-time recovery (needs a WAL archive). */
  kind?: 'dump' | 'base';
  now?: () => Date;
}

/** What the ledger held when the backup began: the audit head and how many payments. */
async function ledgerFacts(databaseUrl: string): Promise<Pick<BackupManifest, 'serverTime' | 'serverVersion' | 'database' | 'user' | 'auditHead' | 'payments'>> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    // One snapshot for all three facts.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const meta = await client.query<{ now: Date; version: string; db: string; usr: string }>(
      "SELECT clock_timestamp() AS now, current_setting('server_version') AS version, current_database() AS db, current_user AS usr",
    );
    const head = await client.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const count = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM payments');
    await client.query('COMMIT');
    const m = meta.rows[0]!;
    const h = head.rows[0];
    return {
      serverTime: m.now.toISOString(),
      serverVersion: m.version,
      database: m.db,
      user: m.usr,
      auditHead: h ? { seq: toSafeNumber(h.seq), hash: h.hash } : null,
      payments: toSafeNumber(count.rows[0]?.n ?? '0'),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * `hankou house backup`: a consistent copy of a running house's PostgreSQL ledger into outDir
 * (which must be new or empty), with manifest.json written last: a directory without one is an
 * interrupted backup and restore refuses it.
 * - dump: pg_dump's custom format, one snapshot; restore into an empty database.
 * - base: pg_basebackup (plain files, with the WAL to make it consistent); together with the
 *   server's WAL archive (archive_mode) it restores to any moment after it (docs/backup.md).
 * The recorded audit head and payment count are read just before the copy starts: the copy
 * holds at least them (a dump exactly them unless the house wrote in between).
 */
export async function backupHouse(options: HouseBackupOptions): Promise<BackupManifest> {
  const kind = options.kind ?? 'dump';
  if (existsSync(options.outDir) && readdirSync(options.outDir).length > 0) throw new Error(`${options.outDir} is not empty: back up into a new directory`);
  mkdirSync(options.outDir, { recursive: true, mode: 0o700 });
  const facts = await ledgerFacts(options.databaseUrl);
  let files: string[];
  if (kind === 'dump') {
    await runPg('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${join(options.outDir, DUMP_FILE)}`, `--dbname=${options.databaseUrl}`]);
    files = [DUMP_FILE];
  } else {
    const base = join(options.outDir, BASE_DIR);
    await runPg('pg_basebackup', ['--pgdata', base, '--format=plain', '--wal-method=stream', '--checkpoint=fast', '--no-password', `--dbname=${options.databaseUrl}`]);
    files = listFiles(base).map((p) => join(BASE_DIR, p));
  }
  const manifest: BackupManifest = {
    format: 'hankou-house-backup',
    version: 1,
    kind,
    createdAt: (options.now ?? (() => new Date()))().toISOString(),
    ...facts,
    files: await describeFiles(options.outDir, files),
  };
  writeManifest(options.outDir, manifest);
  return manifest;
}
