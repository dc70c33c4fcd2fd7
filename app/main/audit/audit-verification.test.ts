import { describe, expect, it } from 'vitest';
import { memoryStore } from '../store/test-support/test-store';
import { appendAudit, auditHash, verifyAuditLog } from './audit-log';
import { verificationResult } from './audit-verification';

function storeWithEntries(n: number) {
  const db = memoryStore();
  db.transaction(() => {
    for (let i = 1; i <= n; i += 1) {
      appendAudit(db, { at: `2026-11-26T01:00:0${i}Z`, actor: 'clerk1', action: 'payment.captured', entity: 'payment', entityId: `p${i}`, detail: { amount: `${i}.00` } });
    }
  })();
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  return db;
}

const resultOf = (db: ReturnType<typeof memoryStore>) => verificationResult(db, verifyAuditLog(db));

describe('audit verification for the auditor', () => {
  it('an intact chain: count, head seq and head hash', () => {
    const db = storeWithEntries(4);
    const head = db.prepare('SELECT hash FROM audit_log WHERE seq = 4').pluck().get() as string;
    expect(resultOf(db)).toEqual({ ok: true, count: 4, headSeq: 4, headHash: head });
  });

  it('stops at untilSeq: an export checks exactly its range', () => {
    const db = storeWithEntries(4);
    db.prepare(`UPDATE audit_log SET detail = '{"amount":"9.00"}' WHERE seq = 4`).run();
    expect(verifyAuditLog(db, 3)).toMatchObject({ ok: true, count: 3 });
    expect(verifyAuditLog(db)).toMatchObject({ ok: false, seq: 4 });
  });

  // Each of the chain walker's five findings gets its own code and Chinese words, and the
  // broken entry as stored.
  it.each([
    ['hash_mismatch', `UPDATE audit_log SET detail = '{"amount":"9999.00"}' WHERE seq = 3`, 3, /哈希与条目内容不符/],
    ['seq_gap', 'DELETE FROM audit_log WHERE seq = 3', 4, /其前的条目缺失/],
    ['prev_hash', `UPDATE audit_log SET prev_hash = '${'a'.repeat(64)}' WHERE seq = 3`, 3, /不是第 2 条的哈希/],
    ['detail_form', `UPDATE audit_log SET detail = '{ "amount": "3.00" }' WHERE seq = 3`, 3, /不是规范格式/],
  ] as const)('names the broken entry and why: %s', (code, tamper, brokenSeq, zh) => {
    const db = storeWithEntries(5);
    db.prepare(tamper).run();
    const result = resultOf(db);
    expect(result).toMatchObject({ ok: false, count: 2, brokenSeq, problem: { code } });
    if (result.ok) return;
    expect(result.problem.messageZh).toMatch(zh);
    expect(result.problem.message.length).toBeGreaterThan(0);
    expect(result.entry?.seq).toBe(brokenSeq);
  });

  it('detail_json: a detail that is not JSON (only possible with the CHECK gone too)', () => {
    // The table's CHECK (json_valid(detail)) refuses this through SQL: build a table without it.
    const db = storeWithEntries(2);
    db.exec(`CREATE TABLE copy AS SELECT * FROM audit_log; DROP TABLE audit_log; ALTER TABLE copy RENAME TO audit_log;
             UPDATE audit_log SET detail = '{not json' WHERE seq = 2;`);
    expect(resultOf(db)).toMatchObject({ ok: false, brokenSeq: 2, problem: { code: 'detail_json' } });
  });

  it('a forged entry re-hashed to match is caught at its successor', () => {
    const db = storeWithEntries(3);
    const prev = db.prepare('SELECT hash FROM audit_log WHERE seq = 1').pluck().get() as string;
    const forged = auditHash({ seq: 2, at: '2026-11-26T01:00:02Z', actor: 'mallory', action: 'payment.captured', entity: 'payment', entityId: 'p2', detail: { amount: '2.00' }, prevHash: prev });
    db.prepare("UPDATE audit_log SET actor = 'mallory', hash = ? WHERE seq = 2").run(forged);
    expect(resultOf(db)).toMatchObject({ ok: false, brokenSeq: 3, problem: { code: 'prev_hash' }, entry: { seq: 3 } });
  });
});
