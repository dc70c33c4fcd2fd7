import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addDays } from '../../shared/domain/calendar';
import { AuditChainWalker, GENESIS_HASH, storedAuditEntry, type AuditLogRow } from '../../shared/audit/audit-chain';
import { ARCHIVE_MANIFEST_FILE, archiveManifestSchema, type ArchiveFile, type ArchiveManifest } from '../../shared/archive/archive-manifest';
import type { HouseStore, SqlClient } from '../store/sql-client';
import { toSafeNumber } from '../store/sql-client';
import { appendHouseAudit, archivedAuditBoundary, houseAuditHash } from '../store/audit-log';
import { listPartitionDays, partitionExists, partitionName } from './day-partitions';
import { writeJsonlGzip } from './jsonl-gzip';

/** A payment in one of these may still change; its day stays hot. */
const FINAL_STATUSES = ['settled', 'rejected', 'expired', 'cancelled', 'returned'];
const PAGE_ROWS = 5000;
export const DEFAULT_RETENTION_DAYS = 90;

export interface HouseArchiveOptions {
  /** Where day directories go (created if missing). */
  archiveDir: string;
  /** Days this many calendar days or more before the current business date are archived (>= 1). */
  retentionDays: number;
  nowMs?: () => number;
  /** Who asked (the audit entry's actor). */
  actor?: string;
  /** Archive at most this many days in this call (the running house goes one day per call). */
  maxDays?: number;
  /**
   * Runs each day's final transaction. Beside a running house in this process it is the engine
   * host's `between` (no batch open, so the partition drop cannot deadlock with a commit); the
   * CLI runs it directly.
   */
  commit?: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface ArchivedDay {
  businessDate: string;
  location: string;
  manifestSha256: string;
  payments: number;
  journal: number;
  audit: number;
}

export interface HouseArchiveResult {
  currentBusinessDate: string;
  /** Days up to and including this date are due. */
  cutoff: string;
  archived: ArchivedDay[];
  /** A due day that could not go yet (and the days after it wait with it), and why. */
  stoppedAt?: { businessDate: string; reason: string };
}

/**
 * Archives every due day, oldest first (docs/archive.md): its payments, journal and audit rows
 * go to gzip JSON-lines files with a manifest (row counts, sizes, sha256, the audit chain's
 * boundary hashes), fsynced and renamed into place; then, in one transaction, the day is
 * recorded in archived_days, an `archive.day` audit entry is appended and its partitions are
 * dropped. A crash between the two leaves the rows in the ledger and a directory the next run
 * replaces. A day stays hot while it holds a payment that may still change, or commands after
 * the newest engine snapshot (recovery replays from the snapshot and must find them).
 */
export async function archiveHouseDays(store: HouseStore, options: HouseArchiveOptions): Promise<HouseArchiveResult> {
  if (!Number.isInteger(options.retentionDays) || options.retentionDays < 1) throw new Error('the retention must be a whole number of days, at least 1');
  const nowMs = options.nowMs ?? Date.now;
  const currentBusinessDate = await readCurrentBusinessDate(store);
  const cutoff = addDays(currentBusinessDate, -options.retentionDays);
  const archiveDir = resolve(options.archiveDir);
  mkdirSync(archiveDir, { recursive: true });
  const result: HouseArchiveResult = { currentBusinessDate, cutoff, archived: [] };
  for (const day of await listPartitionDays(store)) {
    if (day > cutoff || day >= currentBusinessDate) break;
    if (options.maxDays !== undefined && result.archived.length >= options.maxDays) break;
    const refusal = await refusalFor(store, day);
    if (refusal !== undefined) {
      result.stoppedAt = { businessDate: day, reason: refusal };
      break;
    }
    result.archived.push(await archiveDay(store, archiveDir, day, nowMs, options.actor ?? 'archive', options.commit ?? ((work) => work())));
  }
  return result;
}

export async function readCurrentBusinessDate(db: SqlClient): Promise<string> {
  const { rows } = await db.query<{ d: string | null }>(
    "SELECT coalesce((SELECT value FROM house_meta WHERE key = 'business_date'), (SELECT value FROM house_meta WHERE key = 'initial_business_date')) AS d",
  );
  const date = rows[0]?.d;
  if (!date) throw new Error('this ledger has no business date yet (start the house on it once)');
  return date;
}

async function refusalFor(db: SqlClient, day: string): Promise<string | undefined> {
  const payments = partitionName('payments', day);
  const journal = partitionName('journal', day);
  const audit = partitionName('audit_log', day);
  for (const table of [payments, journal, audit]) if (!(await partitionExists(db, table))) return `partition ${table} is missing`;
  const open = await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${payments} WHERE status <> ALL($1::text[])`, [FINAL_STATUSES]);
  const openCount = toSafeNumber(open.rows[0]?.n ?? 0);
  if (openCount > 0) return `${openCount} payments of ${day} may still change status (not ${FINAL_STATUSES.join('/')})`;
  const seqs = await db.query<{ last: string | null; snapshot: string | null }>(
    `SELECT (SELECT max(cmd_seq) FROM (SELECT cmd_seq FROM ${payments} UNION ALL SELECT cmd_seq FROM ${journal}) AS s)::text AS last,
            (SELECT max(cmd_seq) FROM engine_snapshots)::text AS snapshot`,
  );
  const last = seqs.rows[0]?.last;
  const snapshot = seqs.rows[0]?.snapshot;
  if (last !== null && last !== undefined && (snapshot === null || snapshot === undefined || BigInt(last) > BigInt(snapshot))) {
    return `commands of ${day} after the newest engine snapshot (${snapshot ?? 'none'}): close the day first`;
  }
  const interleaved = await db.query<{ n: unknown }>(
    `SELECT count(*) AS n FROM audit_log WHERE business_date <> $1 AND seq < (SELECT coalesce(max(seq), 0) FROM ${audit})`,
    [day],
  );
  if (toSafeNumber(interleaved.rows[0]?.n ?? 0) > 0) return `audit entries of other days are interleaved with ${day}'s`;
  return undefined;
}

async function archiveDay(
  store: HouseStore,
  archiveDir: string,
  day: string,
  nowMs: () => number,
  actor: string,
  commit: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<ArchivedDay> {
  const partial = join(archiveDir, `.${day}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { mode: 0o700 });
  const boundary = (await archivedAuditBoundary(store)) ?? { seq: 0, hash: GENESIS_HASH };
  // A final payment's row can still be touched (a return marks its original): the newest change
  // seen before writing must still be the newest at the commit, or the files are stale.
  const changedBefore = await lastPaymentChange(store, day);
  const files: ArchiveFile[] = [];
  const write = async (name: string, lines: AsyncIterable<string>): Promise<ArchiveFile> => {
    const file = { name, ...(await writeJsonlGzip(join(partial, name), lines)) };
    files.push(file);
    return file;
  };
  const payments = await write('payments.jsonl.gz', paymentLines(store, day));
  const journal = await write('journal.jsonl.gz', journalLines(store, day));
  const auditWalk = { first: undefined as { seq: number; prevHash: string } | undefined, last: boundary };
  const audit = await write('audit.jsonl.gz', auditLines(store, day, auditWalk));
  const range = await store.query<{ first: string | null; last: string | null }>(
    `SELECT min(cmd_seq)::text AS first, max(cmd_seq)::text AS last
       FROM (SELECT cmd_seq FROM ${partitionName('payments', day)} UNION ALL SELECT cmd_seq FROM ${partitionName('journal', day)}) AS s`,
  );
  const firstCmd = range.rows[0]?.first;
  const lastCmd = range.rows[0]?.last;
  const manifest: ArchiveManifest = archiveManifestSchema.parse({
    format: 'hankou-archive',
    version: 1,
    source: 'house',
    businessDate: day,
    createdAt: new Date(nowMs()).toISOString(),
    files,
    cmdSeq: firstCmd && lastCmd ? { first: firstCmd, last: lastCmd } : null,
    audit: auditWalk.first ? { firstSeq: auditWalk.first.seq, firstPrevHash: auditWalk.first.prevHash, lastSeq: auditWalk.last.seq, lastHash: auditWalk.last.hash } : null,
  });
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(partial, ARCHIVE_MANIFEST_FILE), manifestText, { mode: 0o600 });
  syncPath(join(partial, ARCHIVE_MANIFEST_FILE));
  const manifestSha256 = createHash('sha256').update(manifestText, 'utf8').digest('hex');
  const location = join(archiveDir, day);
  // A directory without an archived_days row is left by a run that stopped before its commit:
  // the ledger still holds the day, so this run's copy replaces it.
  if (existsSync(location)) {
    // ...unless another run (the house's own, or a second CLI) committed the day meanwhile.
    if (await isArchived(store, day)) throw new Error(`${day} was archived meanwhile by another run; nothing was changed`);
    renameSync(location, join(archiveDir, `.${day}.stale-${nowMs()}`));
  }
  renameSync(partial, location);
  syncPath(archiveDir);
  const expected = { payments: payments.rows, journal: journal.rows, audit: audit.rows, changedBefore };
  const recorded = { location, manifestSha256, createdAt: manifest.createdAt, auditLast: auditWalk.last, actor };
  await commitWithRetry(() => commit(() => store.transaction((tx) => commitDay(tx, day, expected, recorded))));
  return { businessDate: day, location, manifestSha256, payments: payments.rows, journal: journal.rows, audit: audit.rows };
}

/**
 * The tables the final transaction locks, in the order a batch takes them (batch-writer.ts:
 * payments, then journal, the audit log last). Dropping a partition needs ACCESS EXCLUSIVE on its
 * parent; taken one by one in any other order (the audit lock first, as appending an entry does)
 * it can wait on a batch that holds `payments` while that batch waits for the audit lock: a
 * deadlock PostgreSQL breaks by aborting one of them, possibly the batch. Taken up front in the
 * batches' order, the archive waits for a batch in flight and the next batches wait for it.
 */
const LOCK_DAY_TABLES = 'LOCK TABLE ONLY payments, journal, audit_log IN ACCESS EXCLUSIVE MODE';
/**
 * While the archive waits for those locks, new batches queue behind it (pushes stall), so it
 * waits at most this long, under PostgreSQL's deadlock_timeout (1 s by default): if some other
 * transaction ever took these tables in another order, the archive gives up first and the
 * house's batch goes on.
 */
export const ARCHIVE_LOCK_TIMEOUT_MS = 500;
/** Attempts at the final transaction before the run fails (the day stays hot; retried next run). */
export const ARCHIVE_COMMIT_ATTEMPTS = 20;
/** Lock not available (lock_timeout) and deadlock detected: the archive's attempt was the one given up. */
const RETRYABLE_SQLSTATES = new Set(['55P03', '40P01']);

interface DayExpected {
  payments: number;
  journal: number;
  audit: number;
  changedBefore: string | null;
}

interface DayRecord {
  location: string;
  manifestSha256: string;
  createdAt: string;
  auditLast: { seq: number; hash: string };
  actor: string;
}

/** Checks the day is as written, records it, audits it and drops its partitions: one transaction. */
async function commitDay(tx: SqlClient, day: string, expected: DayExpected, recorded: DayRecord): Promise<void> {
  await tx.query(`SET LOCAL lock_timeout = '${ARCHIVE_LOCK_TIMEOUT_MS}ms'`);
  await tx.query(LOCK_DAY_TABLES);
  if (await isArchived(tx, day)) throw new Error(`${day} was archived meanwhile by another run; nothing was changed`);
  const counts = await tx.query<{ p: unknown; j: unknown; a: unknown }>(
    `SELECT (SELECT count(*) FROM ${partitionName('payments', day)}) AS p, (SELECT count(*) FROM ${partitionName('journal', day)}) AS j,
            (SELECT count(*) FROM ${partitionName('audit_log', day)}) AS a`,
  );
  const row = counts.rows[0];
  if (
    !row ||
    toSafeNumber(row.p) !== expected.payments ||
    toSafeNumber(row.j) !== expected.journal ||
    toSafeNumber(row.a) !== expected.audit ||
    (await lastPaymentChange(tx, day)) !== expected.changedBefore
  ) {
    throw new Error(`${day} changed while it was being archived; nothing was dropped`);
  }
  const { location, manifestSha256, createdAt, auditLast } = recorded;
  await tx.query(
    `INSERT INTO archived_days (business_date, archived_at, location, manifest_sha256, payments, journal_rows, audit_rows, audit_last_seq, audit_last_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [day, createdAt, location, manifestSha256, expected.payments, expected.journal, expected.audit, auditLast.seq, auditLast.hash],
  );
  await appendHouseAudit(tx, [
    {
      at: createdAt,
      actor: recorded.actor,
      action: 'archive.day',
      entity: 'business_day',
      entityId: day,
      detail: { location, manifestSha256, payments: expected.payments, journal: expected.journal, audit: expected.audit, auditLastSeq: auditLast.seq, auditLastHash: auditLast.hash },
    },
  ]);
  for (const table of ['payments', 'journal', 'audit_log'] as const) await tx.query(`DROP TABLE ${partitionName(table, day)}`);
}

/** Retries the final transaction when it gave way on a lock (it rolled back: nothing changed). */
async function commitWithRetry(attempt: () => Promise<void>): Promise<void> {
  for (let tried = 1; ; tried += 1) {
    try {
      return await attempt();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !RETRYABLE_SQLSTATES.has(code) || tried >= ARCHIVE_COMMIT_ATTEMPTS) throw error;
      // Let the batches queued behind the attempt commit before the next one.
      await new Promise((r) => setTimeout(r, 50 * tried));
    }
  }
}

async function isArchived(db: SqlClient, day: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM archived_days WHERE business_date = $1', [day]);
  return rows.length > 0;
}

async function lastPaymentChange(db: SqlClient, day: string): Promise<string | null> {
  const { rows } = await db.query<{ c: string | null }>(`SELECT max(change_seq)::text AS c FROM ${partitionName('payments', day)}`);
  return rows[0]?.c ?? null;
}

/** Bigints as decimal strings, so a reader gets them exactly. */
async function* paymentLines(db: SqlClient, day: string): AsyncGenerator<string> {
  const table = partitionName('payments', day);
  let after = '';
  for (;;) {
    const { rows } = await db.query<{ id: string; line: string }>(
      `SELECT id, (to_jsonb(p) || jsonb_build_object('cmd_seq', cmd_seq::text, 'device_seq', device_seq::text, 'amount_minor', amount_minor::text,
                   'received_at_ms', received_at_ms::text, 'change_seq', change_seq::text))::text AS line
         FROM ${table} p WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, PAGE_ROWS],
    );
    for (const row of rows) yield row.line;
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE_ROWS) return;
    after = last.id;
  }
}

async function* journalLines(db: SqlClient, day: string): AsyncGenerator<string> {
  const table = partitionName('journal', day);
  let after = '0';
  for (;;) {
    const { rows } = await db.query<{ k: string; line: string }>(
      `SELECT cmd_seq::text AS k, (to_jsonb(j) || jsonb_build_object('cmd_seq', cmd_seq::text, 'device_seq', device_seq::text))::text AS line
         FROM ${table} j WHERE cmd_seq > $1 ORDER BY cmd_seq LIMIT $2`,
      [after, PAGE_ROWS],
    );
    for (const row of rows) yield row.line;
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE_ROWS) return;
    after = last.k;
  }
}

/** The day's audit entries, checked link by link from the archive's boundary as they are written. */
async function* auditLines(
  db: SqlClient,
  day: string,
  walk: { first: { seq: number; prevHash: string } | undefined; last: { seq: number; hash: string } },
): AsyncGenerator<string> {
  const table = partitionName('audit_log', day);
  const walker = new AuditChainWalker(houseAuditHash, walk.last);
  let after = 0;
  for (;;) {
    const { rows } = await db.query<AuditLogRow<unknown>>(
      `SELECT seq, at, actor, action, entity, entity_id, detail, prev_hash, hash FROM ${table} WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [String(after), PAGE_ROWS],
    );
    for (const row of rows) {
      const entry = storedAuditEntry({ ...row, seq: toSafeNumber(row.seq) } as AuditLogRow);
      const broken = walker.check(entry);
      if (broken) throw new Error(`the audit chain breaks at seq ${entry.seq} (${broken.ok ? '' : broken.problem}); ${day} is not archived`);
      walk.first ??= { seq: entry.seq, prevHash: entry.prevHash };
      walk.last = { seq: entry.seq, hash: entry.hash };
      yield JSON.stringify({ ...row, seq: entry.seq, business_date: day });
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE_ROWS) return;
    after = toSafeNumber(last.seq);
  }
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
