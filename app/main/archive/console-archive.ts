import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { addDays } from '../../shared/domain/calendar';
import { ARCHIVE_MANIFEST_FILE, archiveManifestSchema, parseArchiveManifest, type ArchiveManifest } from '../../shared/archive/archive-manifest';
import type { Db } from '../store/open-database';
import { appendAudit } from '../audit/audit-log';
import { backupDay } from '../backup/daily-backup';
import type { PaymentDbRow } from '../payments/payment-record';

/** The console keeps this many days of payments in its store by default. */
export const DEFAULT_ARCHIVE_WINDOW_DAYS = 90;
/** Payments in these may still change (sync, actions); their day stays in the store. */
const FINAL_STATUSES = ['settled', 'rejected', 'cancelled', 'returned', 'expired'];
const PAYMENTS_FILE = 'payments.jsonl.gz';

export function consoleArchiveDir(dataDir: string): string {
  return join(dataDir, 'archive', 'payments');
}

export interface ConsoleArchiveResult {
  cutoff: string;
  archived: Array<{ businessDate: string; location: string; payments: number }>;
  /** Due days kept because a payment in them may still change. */
  kept: Array<{ businessDate: string; open: number }>;
}

/**
 * Moves every business day older than the window (Beijing calendar days before today) out of
 * the payments table into <archiveDir>/<day>/payments.jsonl.gz with manifest.json (row count,
 * size, sha256), written and fsynced first; then one transaction records the file set and
 * every archived id, appends an `archive.payments` audit entry and deletes the rows. The audit
 * log itself is not archived: it stays one chain, and a payment's history stays searchable.
 */
export function archiveConsolePayments(db: Db, options: { archiveDir: string; windowDays: number; now: () => Date; actor?: string }): ConsoleArchiveResult {
  if (!Number.isInteger(options.windowDays) || options.windowDays < 1) throw new Error('the archive window must be a whole number of days, at least 1');
  const cutoff = addDays(backupDay(options.now()), -options.windowDays);
  const result: ConsoleArchiveResult = { cutoff, archived: [], kept: [] };
  const days = db
    .prepare<[string], { day: string; open: number }>(
      `SELECT business_date AS day, sum(status NOT IN (${FINAL_STATUSES.map(() => '?').join(', ')})) AS open
         FROM payments WHERE business_date <= ? GROUP BY business_date ORDER BY business_date`,
    )
    .all(...([...FINAL_STATUSES, cutoff] as unknown as [string]));
  for (const { day, open } of days) {
    if (open > 0) {
      result.kept.push({ businessDate: day, open });
      continue;
    }
    result.archived.push(archiveDay(db, resolve(options.archiveDir), day, options.now, options.actor ?? 'system'));
  }
  return result;
}

function archiveDay(db: Db, archiveDir: string, day: string, now: () => Date, actor: string): { businessDate: string; location: string; payments: number } {
  const rows = db.prepare<[string], Record<string, unknown>>('SELECT * FROM payments WHERE business_date = ? ORDER BY seq').safeIntegers().all(day);
  // bigints as decimal strings: exact whatever the amount.
  const text = rows.map((row) => JSON.stringify(row, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).join('\n');
  const packed = gzipSync(Buffer.from(rows.length > 0 ? `${text}\n` : '', 'utf8'));
  mkdirSync(archiveDir, { recursive: true, mode: 0o700 });
  let name = day;
  for (let part = 2; existsSync(join(archiveDir, name)); part++) name = `${day}-${part}`;
  const location = join(archiveDir, name);
  const partial = join(archiveDir, `.${name}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { mode: 0o700 });
  writeSynced(join(partial, PAYMENTS_FILE), packed);
  const manifest: ArchiveManifest = archiveManifestSchema.parse({
    format: 'hankou-archive',
    version: 1,
    source: 'console',
    businessDate: day,
    createdAt: now().toISOString(),
    files: [{ name: PAYMENTS_FILE, rows: rows.length, bytes: packed.length, sha256: sha256(packed) }],
    cmdSeq: null,
    audit: null,
  });
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeSynced(join(partial, ARCHIVE_MANIFEST_FILE), Buffer.from(manifestText, 'utf8'));
  renameSync(partial, location);
  db.transaction(() => {
    const still = db.prepare<[string], number>('SELECT count(*) FROM payments WHERE business_date = ?').pluck().get(day);
    if (still !== rows.length) throw new Error(`${day} changed while it was being archived`);
    db.prepare('INSERT INTO payment_archive_files (location, business_date, archived_at, manifest_sha256, payments) VALUES (?, ?, ?, ?, ?)').run(
      location, day, manifest.createdAt, sha256(Buffer.from(manifestText, 'utf8')), rows.length,
    );
    db.prepare('INSERT INTO archived_payments (id, location) SELECT id, ? FROM payments WHERE business_date = ?').run(location, day);
    appendAudit(db, {
      at: manifest.createdAt,
      actor,
      action: 'archive.payments',
      entity: 'business_day',
      entityId: day,
      detail: { location, payments: rows.length, sha256: manifest.files[0]?.sha256 ?? '' },
    });
    db.prepare('DELETE FROM payments WHERE business_date = ?').run(day);
  })();
  return { businessDate: day, location, payments: rows.length };
}

export interface ArchivedConsolePayment {
  businessDate: string;
  archivedAt: string;
  location: string;
  /** The archived row, or undefined with the reason when the file cannot vouch for it. */
  row?: PaymentDbRow;
  problem?: string;
}

/**
 * Where an archived payment went (from the store, instantly) and its row as archived (from
 * the day's file, after the manifest and the file are checked against their sha256).
 */
export function findArchivedConsolePayment(db: Db, id: string): ArchivedConsolePayment | undefined {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'archived_payments'").pluck().get();
  if (hasTable === undefined) return undefined;
  const where = db
    .prepare<[string], { location: string; business_date: string; archived_at: string; manifest_sha256: string }>(
      `SELECT f.location, f.business_date, f.archived_at, f.manifest_sha256 FROM archived_payments a
         JOIN payment_archive_files f ON f.location = a.location WHERE a.id = ?`,
    )
    .get(id);
  if (!where) return undefined;
  const found: ArchivedConsolePayment = { businessDate: where.business_date, archivedAt: where.archived_at, location: where.location };
  try {
    const manifestBytes = readFileSync(join(where.location, ARCHIVE_MANIFEST_FILE));
    if (sha256(manifestBytes) !== where.manifest_sha256) throw new Error('the manifest does not match the checksum the store recorded');
    const manifest = parseArchiveManifest(manifestBytes.toString('utf8'), where.location);
    const file = manifest.files.find((f) => f.name === PAYMENTS_FILE);
    const packed = readFileSync(join(where.location, PAYMENTS_FILE));
    if (!file || packed.length !== file.bytes || sha256(packed) !== file.sha256) throw new Error(`${PAYMENTS_FILE} does not match its checksum`);
    const needle = `"id":${JSON.stringify(id)}`;
    const line = gunzipSync(packed).toString('utf8').split('\n').find((l) => l.includes(needle));
    if (line === undefined) throw new Error('the file does not hold it');
    found.row = toDbRow(JSON.parse(line) as Record<string, unknown>);
  } catch (error) {
    found.problem = existsSync(where.location) ? (error as Error).message : 'the archive folder is missing (moved or deleted)';
  }
  return found;
}

const BIGINT_COLUMNS = ['seq', 'priority', 'amount_minor'] as const;

function toDbRow(raw: Record<string, unknown>): PaymentDbRow {
  const row: Record<string, unknown> = { ...raw };
  for (const column of BIGINT_COLUMNS) row[column] = BigInt(String(raw[column]));
  return row as unknown as PaymentDbRow;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function writeSynced(path: string, bytes: Buffer): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
