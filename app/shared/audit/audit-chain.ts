import { canonicalJson } from './canonical-json';

/**
 * The hash chain both audit logs use (the console's SQLite `audit_log`, the house's PostgreSQL
 * `audit_log`): entry n stores hash_n = sha256(canonicalJson(fields_n incl. prevHash =
 * hash_{n-1})). This file is the pure part, shared so both sides hash the very same bytes;
 * sha256 itself comes from each side (app/shared may not import node:crypto).
 */

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

/** What is hashed: the entry without its own hash. */
export interface AuditChainFields extends AuditEntryInput {
  seq: number;
  prevHash: string;
}

export interface AuditEntry extends AuditChainFields {
  hash: string;
}

/** An entry as stored: detail is the canonical JSON text that was hashed. */
export interface StoredAuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  detailText: string;
  prevHash: string;
  hash: string;
}

/** An audit_log row as both stores hold it (snake_case columns); `Seq` is what the driver returns. */
export interface AuditLogRow<Seq = number> {
  seq: Seq;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** A stored row as the chain walker reads it. */
export function storedAuditEntry(row: AuditLogRow): StoredAuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    detailText: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Why an entry breaks the chain: stable codes for screens and tests; `problem` words it. */
export type AuditBreakCode = 'seq_gap' | 'prev_hash' | 'detail_json' | 'hash_mismatch' | 'detail_form';

export type AuditVerification =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; seq: number; code: AuditBreakCode; problem: string };

export type Sha256Hex = (text: string) => string;

/** The exact text whose sha256 is an entry's hash. */
export function auditHashInput(fields: AuditChainFields): string {
  return canonicalJson({
    seq: fields.seq,
    at: fields.at,
    actor: fields.actor,
    action: fields.action,
    entity: fields.entity,
    entityId: fields.entityId,
    detail: fields.detail,
    prevHash: fields.prevHash,
  });
}

/** The fields of the entry after `last` (undefined: the chain is empty). */
export function nextChainFields(last: { seq: number; hash: string } | undefined, input: AuditEntryInput): AuditChainFields {
  return {
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    detail: input.detail,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
}

/**
 * Walks a chain from its first entry, one entry at a time (the caller pages through its store
 * however it likes), and reports the first entry that does not hold: a gap in seq, a prevHash
 * that is not its predecessor's hash, a hash that does not match the fields, or a detail that is
 * not the canonical text (edited by hand).
 */
export class AuditChainWalker {
  private expectedSeq: number;
  private prevHash: string;
  private count = 0;

  /**
   * `after`: the chain's earlier part is held elsewhere (the house's archived days), so the
   * walk starts after that entry: the next one must be seq + 1 and name its hash.
   */
  constructor(
    private readonly sha256Hex: Sha256Hex,
    after?: { seq: number; hash: string },
  ) {
    this.expectedSeq = (after?.seq ?? 0) + 1;
    this.prevHash = after?.hash ?? GENESIS_HASH;
  }

  /** undefined when the entry holds; otherwise why the chain breaks there. */
  check(entry: StoredAuditEntry): AuditVerification | undefined {
    const broken = (code: AuditBreakCode, problem: string): AuditVerification => ({ ok: false, count: this.count, seq: entry.seq, code, problem });
    if (entry.seq !== this.expectedSeq) return broken('seq_gap', `seq ${entry.seq} follows ${this.expectedSeq - 1}: entries are missing`);
    if (entry.prevHash !== this.prevHash) return broken('prev_hash', `prevHash ${entry.prevHash.slice(0, 12)}… is not the hash of entry ${entry.seq - 1}`);
    let detail: Record<string, unknown>;
    try {
      detail = JSON.parse(entry.detailText) as Record<string, unknown>;
    } catch {
      return broken('detail_json', 'detail is not valid JSON');
    }
    const recomputed = this.sha256Hex(auditHashInput({ ...entry, detail }));
    if (recomputed !== entry.hash) {
      return broken('hash_mismatch', `hash does not match the entry's fields (entry altered: ${entry.action} ${entry.entity} ${entry.entityId})`);
    }
    if (canonicalJson(detail) !== entry.detailText) return broken('detail_form', 'detail is not in canonical form (entry altered)');
    this.prevHash = entry.hash;
    this.expectedSeq += 1;
    this.count += 1;
    return undefined;
  }

  /** The verdict once every entry has passed `check`. */
  result(): AuditVerification {
    return { ok: true, count: this.count, lastHash: this.prevHash };
  }
}

/** Verifies a whole chain held in memory (tests, or a fetched page run from the start). */
export function verifyAuditEntries(entries: Iterable<StoredAuditEntry>, sha256Hex: Sha256Hex): AuditVerification {
  const walker = new AuditChainWalker(sha256Hex);
  for (const entry of entries) {
    const broken = walker.check(entry);
    if (broken) return broken;
  }
  return walker.result();
}
