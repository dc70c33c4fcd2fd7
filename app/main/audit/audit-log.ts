import { createHash } from 'node:crypto';
import { preparedOnce, type Db } from '../store/open-database';
import { canonicalJson } from '../../shared/audit/canonical-json';
import {
  AuditChainWalker,
  auditHashInput,
  nextChainFields,
  storedAuditEntry,
  type AuditLogRow,
  type AuditChainFields,
  type AuditEntry,
  type AuditEntryInput,
  type AuditVerification,
} from '../../shared/audit/audit-chain';

// The chain scheme is shared with the house (app/shared/audit/audit-chain.ts).
export { GENESIS_HASH } from '../../shared/audit/audit-chain';
export type { AuditEntry, AuditEntryInput, AuditVerification };

/** An audit_log row as SQLite holds it. */
export type AuditRow = AuditLogRow;

/** hash = sha256(canonical JSON of the row's fields including prevHash). */
export function auditHash(fields: AuditChainFields): string {
  return sha256Hex(auditHashInput(fields));
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const sql = preparedOnce((db) => ({
  last: db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
  insert: db.prepare(
    `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash)
     VALUES (@seq, @at, @actor, @action, @entity, @entityId, @detail, @prevHash, @hash)`,
  ),
  forEntity: db.prepare<[string, string], AuditRow>(
    'SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq',
  ),
}));

/**
 * Appends one entry. Call it inside the transaction that makes the change it records, so the
 * change and its audit entry commit or vanish together.
 */
export function appendAudit(db: Db, input: AuditEntryInput): AuditEntry {
  if (!db.inTransaction) throw new Error(`appendAudit(${input.action}) outside a transaction`);
  const statements = sql(db);
  const last = statements.last.get();
  const fields = nextChainFields(last, input);
  const hash = auditHash(fields);
  statements.insert.run({ ...fields, detail: canonicalJson(fields.detail), hash });
  return { ...fields, hash };
}

/** A row as the chain walker reads it (detail as the stored, hashed text). */
export const storedEntry = storedAuditEntry;

function rowToEntry(row: AuditRow): AuditEntry {
  const { detailText, ...fields } = storedEntry(row);
  return { ...fields, detail: JSON.parse(detailText) as Record<string, unknown> };
}

export function auditHistory(db: Db, entity: string, entityId: string): AuditEntry[] {
  return sql(db).forEntity.all(entity, entityId).map(rowToEntry);
}

/**
 * Walks the chain from the first entry and reports the first entry that does not hold (see
 * AuditChainWalker: a gap in seq, a wrong prevHash, a hash that does not match, a detail that is
 * not canonical). `untilSeq` stops the walk there (an export checks exactly what it writes).
 */
export function verifyAuditLog(db: Db, untilSeq = Number.MAX_SAFE_INTEGER): AuditVerification {
  const walker = new AuditChainWalker(sha256Hex);
  for (const row of db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE seq <= ? ORDER BY seq').iterate(untilSeq)) {
    const broken = walker.check(storedEntry(row));
    if (broken) return broken;
  }
  return walker.result();
}
