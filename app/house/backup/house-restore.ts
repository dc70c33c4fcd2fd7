import { appendFileSync, chmodSync, cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { checkManifestFiles, readManifest, type BackupManifest } from './backup-manifest';
import { BASE_DIR, DUMP_FILE } from './house-backup';
import { handToPostgresUser, runPg } from './pg-tools';
import { openHouseAuditReader } from '../store/audit-reader';
import { readHouseAudit, verifyHouseAuditLog } from '../store/audit-log';
import { toSafeNumber } from '../store/sql-client';

export interface RestoredLedger {
  manifest: BackupManifest;
  /** The restored ledger's audit chain: every link verified. */
  audit: { count: number; headHash: string | null };
  payments: number;
}

/**
 * Verifies a restored ledger: the whole audit chain holds, and it still holds the head the
 * backup recorded (same seq, same hash). Throws when either fails.
 */
export async function verifyRestoredLedger(databaseUrl: string, manifest: BackupManifest, exactHead: boolean): Promise<RestoredLedger> {
  const reader = await openHouseAuditReader({ databaseUrl });
  try {
    const verification = await verifyHouseAuditLog(reader.client);
    if (!verification.ok) throw new Error(`the restored audit chain is BROKEN at entry ${verification.seq}: ${verification.problem}`);
    const recorded = manifest.auditHead;
    if (recorded !== null) {
      const [entry] = await readHouseAudit(reader.client, recorded.seq - 1, 1);
      if (entry?.hash !== recorded.hash) throw new Error(`the restored audit log does not hold the backup's head (entry ${recorded.seq} ${recorded.hash.slice(0, 12)}…)`);
      if (exactHead && verification.count !== recorded.seq) throw new Error(`the restored audit log has ${verification.count} entries, the backup recorded ${recorded.seq}`);
    }
    const { rows } = await reader.client.query<{ n: string }>('SELECT count(*)::text AS n FROM payments');
    return {
      manifest,
      audit: { count: verification.count, headHash: verification.ok && verification.count > 0 ? verification.lastHash : null },
      payments: toSafeNumber(rows[0]?.n ?? '0'),
    };
  } finally {
    await reader.close();
  }
}

/**
 * `hankou house restore --from DIR --database-url URL` for a dump backup: checksums first, then
 * pg_restore into an EMPTY database in one transaction (a half restore leaves nothing), then
 * the audit chain is verified against the head the backup recorded.
 */
export async function restoreDump(fromDir: string, databaseUrl: string): Promise<RestoredLedger> {
  const manifest = readManifest(fromDir);
  if (manifest.kind !== 'dump') throw new Error(`${fromDir} is a base backup: restore it with --pgdata and --wal-archive (point in time)`);
  await checkManifestFiles(fromDir, manifest);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_tables WHERE schemaname = 'public'");
    if (rows[0]?.n !== '0') throw new Error('the target database is not empty: restore into a new database (createdb), never over a ledger');
  } finally {
    await client.end().catch(() => undefined);
  }
  await runPg('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${databaseUrl}`, join(fromDir, DUMP_FILE)]);
  return verifyRestoredLedger(databaseUrl, manifest, true);
}

export interface PointInTimeOptions {
  fromDir: string;
  /** The directory the primary's archive_command copies WAL segments into. */
  walArchive: string;
  /** A new (or empty) directory for the restored cluster. */
  pgdata: string;
  /** Recover up to this moment (server time, ISO 8601); omitted: to the end of the archive. */
  targetTime?: string;
  /** Port of the restored server (default 5433). */
  port?: number;
  /** Start it, wait for recovery to end and verify the ledger (otherwise only prepare pgdata). */
  start?: boolean;
  recoveryTimeoutMs?: number;
}

const quoteConf = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * Point-in-time restore of a base backup: copies it into pgdata and configures PostgreSQL's
 * own archive recovery (recovery.signal, restore_command from the WAL archive, the target
 * time, promote at the target). The restored server does not archive (archive_mode off) so it
 * never writes into the primary's archive; turn it on again once it is the new primary.
 */
export async function restorePointInTime(options: PointInTimeOptions): Promise<{ pgdata: string; port: number; databaseUrl: string; ledger?: RestoredLedger }> {
  const manifest = readManifest(options.fromDir);
  if (manifest.kind !== 'base') throw new Error(`${options.fromDir} is a pg_dump backup: it restores only to the moment it was taken (--database-url)`);
  if (!existsSync(options.walArchive)) throw new Error(`no WAL archive at ${options.walArchive}`);
  if (options.targetTime !== undefined && Number.isNaN(Date.parse(options.targetTime))) throw new Error(`--target-time ${options.targetTime} is not an ISO 8601 time`);
  if (options.targetTime !== undefined && Date.parse(options.targetTime) < Date.parse(manifest.serverTime)) {
    throw new Error(`--target-time ${options.targetTime} is before this backup was taken (${manifest.serverTime}): use an older base backup`);
  }
  if (existsSync(options.pgdata) && readdirSync(options.pgdata).length > 0) throw new Error(`${options.pgdata} is not empty: restore into a new directory`);
  await checkManifestFiles(options.fromDir, manifest);
  const pgdata = resolve(options.pgdata);
  const port = options.port ?? 5433;
  cpSync(join(options.fromDir, BASE_DIR), pgdata, { recursive: true });
  for (const stale of ['postmaster.pid', 'postmaster.opts', 'standby.signal']) rmSync(join(pgdata, stale), { force: true });
  chmodSync(pgdata, 0o700);
  writeFileSync(join(pgdata, 'recovery.signal'), '');
  const settings = [
    `restore_command = ${quoteConf(`cp "${resolve(options.walArchive)}/%f" "%p"`)}`,
    ...(options.targetTime === undefined ? [] : [`recovery_target_time = ${quoteConf(new Date(options.targetTime).toISOString().replace('T', ' ').replace('Z', '+00'))}`]),
    `recovery_target_action = 'promote'`,
    `archive_mode = 'off'`,
    `primary_conninfo = ''`,
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
  ];
  appendFileSync(join(pgdata, 'postgresql.auto.conf'), `\n# hankou house restore ${new Date().toISOString()}\n${settings.join('\n')}\n`);
  await handToPostgresUser(pgdata);
  const databaseUrl = `postgres://${encodeURIComponent(manifest.user)}@127.0.0.1:${port}/${encodeURIComponent(manifest.database)}`;
  if (!options.start) return { pgdata, port, databaseUrl };
  const log = join(pgdata, 'restore.log');
  try {
    await runPg('pg_ctl', ['-D', pgdata, '-l', log, '-w', '-t', '120', 'start']);
  } catch (error) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-6).join('\n') : '';
    throw new Error(`${(error as Error).message}${tail ? `\n${log}:\n${tail}` : ''}`);
  }
  await waitForPromotion(databaseUrl, options.recoveryTimeoutMs ?? 120_000);
  return { pgdata, port, databaseUrl, ledger: await verifyRestoredLedger(databaseUrl, manifest, false) };
}

/** Archive recovery ends with a promotion; until then the server is read-only. */
async function waitForPromotion(databaseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
      if (rows[0]?.r === false) return;
      last = 'still recovering';
    } catch (error) {
      last = (error as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the restored server did not finish recovery within ${timeoutMs} ms (${last}); see restore.log in its data directory`);
}
