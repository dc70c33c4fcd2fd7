import { createHash } from 'node:crypto';
import { preparedOnce, type Db } from '../store/open-database';
import { canonicalJson } from './canonical-json';

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryInput {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  detail: Record<string, unknown>;
}

export interface AuditEntry extends AuditEntryInput {
  seq: number;
  prevHash: string;
  hash: string;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** hash = sha256(canonical JSON of the row's fields including prevHash). */
export function auditHash(fields: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(fields), 'utf8').digest('hex');
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
  const fields = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    detail: input.detail,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = auditHash(fields);
  statements.insert.run({ ...fields, detail: canonicalJson(fields.detail), hash });
  return { ...fields, hash };
}

function rowToEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function auditHistory(db: Db, entity: string, entityId: string): AuditEntry[] {
  return sql(db).forEntity.all(entity, entityId).map(rowToEntry);
}

export type AuditVerification =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; seq: number; problem: string };

/**
 * Walks the chain from the first entry and reports the first entry that does not hold: a gap
 * in seq, a prevHash that is not its predecessor's hash, a hash that does not match the fields,
 * or a detail that is not canonical JSON (edited by hand).
 */
export function verifyAuditLog(db: Db): AuditVerification {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const row of db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq').iterate()) {
    const broken = (problem: string): AuditVerification => ({ ok: false, count, seq: row.seq, problem });
    if (row.seq !== expectedSeq) return broken(`seq ${row.seq} follows ${expectedSeq - 1}: entries are missing`);
    if (row.prev_hash !== prevHash) return broken(`prevHash ${row.prev_hash.slice(0, 12)}… is not the hash of entry ${row.seq - 1}`);
    let detail: Record<string, unknown>;
    try {
      detail = JSON.parse(row.detail) as Record<string, unknown>;
    } catch {
      return broken('detail is not valid JSON');
    }
    const { hash, ...fields } = rowToEntry({ ...row, detail: '{}' });
    const recomputed = auditHash({ ...fields, detail });
    if (recomputed !== hash) return broken(`hash does not match the entry's fields (entry altered: ${row.action} ${row.entity} ${row.entity_id})`);
    if (canonicalJson(detail) !== row.detail) return broken('detail is not in canonical form (entry altered)');
    prevHash = hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, count, lastHash: prevHash };
}
