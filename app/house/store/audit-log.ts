import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/audit/canonical-json';
import {
  AuditChainWalker,
  auditHashInput,
  nextChainFields,
  storedAuditEntry,
  type AuditLogRow,
  type AuditEntry,
  type AuditEntryInput,
  type AuditVerification,
  type StoredAuditEntry,
} from '../../shared/audit/audit-chain';
import { toSafeNumber, type SqlClient } from './sql-client';

/**
 * The house's hash-chained audit log (migration 0003), same chain as the console's
 * (app/shared/audit/audit-chain.ts). Entries are appended inside the transaction of the change
 * they record; the table is append-only.
 */

/** Rows read per query while verifying: bounds memory whatever the chain's length. */
export const VERIFY_PAGE_ROWS = 1000;

export function houseAuditHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

type AuditRow = AuditLogRow<unknown>;

const SELECT = 'SELECT seq, at, actor, action, entity, entity_id, detail, prev_hash, hash FROM audit_log';

function toStored(row: AuditRow): StoredAuditEntry {
  return storedAuditEntry({ ...row, seq: toSafeNumber(row.seq) });
}

/**
 * Appends entries in the caller's transaction. The EXCLUSIVE lock (readers still read) makes
 * concurrent appenders on a PostgreSQL pool take turns, so two transactions never both extend
 * the same head; it is held until the caller commits.
 */
export async function appendHouseAudit(tx: SqlClient, inputs: readonly AuditEntryInput[]): Promise<AuditEntry[]> {
  if (inputs.length === 0) return [];
  await tx.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
  const { rows } = await tx.query<{ seq: unknown; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  // The day's partition (migration 0010): the house's business date, created if missing.
  const day = (await tx.query<{ d: string }>('SELECT house_audit_day() AS d')).rows[0]?.d;
  let last = rows[0] ? { seq: toSafeNumber(rows[0].seq), hash: rows[0].hash } : await archivedAuditBoundary(tx);
  const entries: AuditEntry[] = [];
  for (const input of inputs) {
    const fields = nextChainFields(last, input);
    const entry = { ...fields, hash: houseAuditHash(auditHashInput(fields)) };
    entries.push(entry);
    last = entry;
  }
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash, business_date)
     SELECT *, $10::text FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])`,
    [
      entries.map((e) => String(e.seq)),
      entries.map((e) => e.at),
      entries.map((e) => e.actor),
      entries.map((e) => e.action),
      entries.map((e) => e.entity),
      entries.map((e) => e.entityId),
      entries.map((e) => canonicalJson(e.detail)),
      entries.map((e) => e.prevHash),
      entries.map((e) => e.hash),
      day,
    ],
  );
  return entries;
}

/** Entries after `afterSeq`, oldest first, as stored (detail is the hashed text). */
export async function readHouseAudit(db: SqlClient, afterSeq: number, limit: number): Promise<StoredAuditEntry[]> {
  const { rows } = await db.query<AuditRow>(`${SELECT} WHERE seq > $1 ORDER BY seq LIMIT $2`, [String(afterSeq), limit]);
  return rows.map(toStored);
}

/** The newest entry, or undefined for an empty log. */
export async function readHouseAuditHead(db: SqlClient): Promise<StoredAuditEntry | undefined> {
  const { rows } = await db.query<AuditRow>(`${SELECT} ORDER BY seq DESC LIMIT 1`);
  return rows[0] ? toStored(rows[0]) : undefined;
}

/**
 * The last entry of the archived days (docs/archive.md), where the chain in audit_log resumes;
 * undefined when nothing is archived (or the ledger predates migration 0010).
 */
export async function archivedAuditBoundary(db: SqlClient): Promise<{ seq: number; hash: string } | undefined> {
  const table = await db.query<{ t: string | null }>("SELECT to_regclass('archived_days')::text AS t");
  if (!table.rows[0]?.t) return undefined;
  const { rows } = await db.query<{ seq: unknown; hash: string }>(
    'SELECT audit_last_seq AS seq, audit_last_hash AS hash FROM archived_days WHERE audit_last_seq > 0 ORDER BY audit_last_seq DESC LIMIT 1',
  );
  return rows[0] ? { seq: toSafeNumber(rows[0].seq), hash: rows[0].hash } : undefined;
}

/**
 * Walks the whole chain in audit_log, a page at a time: from the first entry, or once days are
 * archived from the archive's boundary (the archived part is checked from its files by
 * `hankou house archive verify`).
 */
export async function verifyHouseAuditLog(db: SqlClient): Promise<AuditVerification> {
  const boundary = await archivedAuditBoundary(db);
  const walker = new AuditChainWalker(houseAuditHash, boundary);
  let afterSeq = boundary?.seq ?? 0;
  for (;;) {
    const page = await readHouseAudit(db, afterSeq, VERIFY_PAGE_ROWS);
    for (const entry of page) {
      const broken = walker.check(entry);
      if (broken) return broken;
    }
    const last = page[page.length - 1];
    if (!last || page.length < VERIFY_PAGE_ROWS) return walker.result();
    afterSeq = last.seq;
  }
}
