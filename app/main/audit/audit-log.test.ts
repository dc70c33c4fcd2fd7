import { describe, it, expect } from 'vitest';
import { memoryStore } from '../store/test-support/test-store';
import { appendAudit, auditHash, GENESIS_HASH, verifyAuditLog } from './audit-log';
import { auditHashInput } from '../../shared/audit/audit-chain';
import { AUDIT_CHAIN_VECTOR } from '../../shared/audit/audit-chain-vector';
import { canonicalJson } from '../../shared/audit/canonical-json';

function storeWithEntries(n: number) {
  const db = memoryStore();
  db.transaction(() => {
    for (let i = 1; i <= n; i += 1) {
      appendAudit(db, { at: `2026-11-26T01:00:0${i}Z`, actor: 'clerk1', action: 'payment.captured', entity: 'payment', entityId: `p${i}`, detail: { amount: `${i}.00`, to: 'ICBC' } });
    }
  })();
  return db;
}

describe('audit log', () => {
  it('chains each entry to the one before, starting from the genesis hash', () => {
    const db = storeWithEntries(3);
    const rows = db.prepare('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq').all() as { seq: number; prev_hash: string; hash: string }[];
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[2]?.prev_hash).toBe(rows[1]?.hash);
    // The hash is sha256 over the canonical fields, recomputable by anyone.
    const expected = auditHash({ seq: 1, at: '2026-11-26T01:00:01Z', actor: 'clerk1', action: 'payment.captured', entity: 'payment', entityId: 'p1', detail: { to: 'ICBC', amount: '1.00' }, prevHash: GENESIS_HASH });
    expect(rows[0]?.hash).toBe(expected);
    expect(verifyAuditLog(db)).toEqual({ ok: true, count: 3, lastHash: rows[2]?.hash });
  });

  it("hashes to the scheme's known answer, as the house does", () => {
    expect(auditHashInput(AUDIT_CHAIN_VECTOR.fields)).toBe(AUDIT_CHAIN_VECTOR.input);
    expect(auditHash(AUDIT_CHAIN_VECTOR.fields)).toBe(AUDIT_CHAIN_VECTOR.sha256);
  });

  it('refuses to append outside a transaction', () => {
    const db = memoryStore();
    expect(() => appendAudit(db, { at: 't', actor: 'a', action: 'x', entity: 'e', entityId: '1', detail: {} })).toThrow(/outside a transaction/);
  });

  it('cannot be edited through SQL', () => {
    const db = storeWithEntries(2);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('names the first altered entry when a row is tampered with', () => {
    const db = storeWithEntries(5);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET detail = '{"amount":"9999.00","to":"ICBC"}' WHERE seq = 3`).run();
    const result = verifyAuditLog(db);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.seq).toBe(3);
      expect(result.count).toBe(2);
      expect(result.problem).toMatch(/hash does not match/);
    }
  });

  it('names the entry after a deleted one', () => {
    const db = storeWithEntries(4);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const result = verifyAuditLog(db);
    expect(result).toMatchObject({ ok: false, seq: 3 });
  });

  it('catches a re-hashed row by its successor', () => {
    const db = storeWithEntries(3);
    db.exec('DROP TRIGGER audit_log_no_update');
    const fields = { seq: 2, at: '2026-11-26T01:00:02Z', actor: 'mallory', action: 'payment.captured', entity: 'payment', entityId: 'p2', detail: { amount: '2.00', to: 'ICBC' } };
    const prev = db.prepare('SELECT hash FROM audit_log WHERE seq = 1').pluck().get() as string;
    const forged = auditHash({ ...fields, prevHash: prev });
    db.prepare("UPDATE audit_log SET actor = 'mallory', hash = ? WHERE seq = 2").run(forged);
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, seq: 3 });
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
    expect(() => canonicalJson({ a: 1n })).toThrow();
  });
});
