import { describe, it, expect } from 'vitest';
import { memoryStore } from '../test-support/test-store';
import { migrate } from '../migrate';

describe('0003 create audit log', () => {
  it('accepts entries and refuses UPDATE and DELETE', () => {
    const db = memoryStore(2);
    migrate(db, undefined, 3);
    const h = 'a'.repeat(64);
    db.prepare(
      "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (1, 't', 'sys', 'x', 'e', '1', '{}', ?, ?)",
    ).run('0'.repeat(64), h);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() =>
      db.prepare("INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (2, 't', 's', 'x', 'e', '1', 'not json', ?, ?)").run(h, h),
    ).toThrow(/CHECK/);
    expect(db.prepare('SELECT actor FROM audit_log').pluck().all()).toEqual(['sys']);
  });
});
