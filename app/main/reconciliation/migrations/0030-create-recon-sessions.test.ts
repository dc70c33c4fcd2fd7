import { describe, expect, it } from 'vitest';
import { migrate } from '../../store/migrate';
import { memoryStore } from '../../store/test-support/test-store';
import { migration } from './0030-create-recon-sessions';

describe('migration 0030: reconciliation sessions', () => {
  it('builds on the core schema and refuses what the workspace must never store', () => {
    const db = memoryStore();
    migrate(db, [migration]);
    db.prepare("INSERT INTO recon_sessions (id, account, business_date, currency, status, opened_by, opened_at) VALUES ('A@2026-11-25', 'A', '2026-11-25', 'CNY', 'open', 'recon1', 't')").run();
    const line = db.prepare(
      "INSERT INTO recon_lines (session_id, side, line_id, source, line_date, amount_minor, currency, state, match_id) VALUES ('A@2026-11-25', 'statement', ?, 'camt.053', '2026-11-25', -1500, 'CNY', ?, ?)",
    );
    line.run('L1', 'open', null);
    // Same session, side and id: the key that makes a re-import add nothing.
    expect(() => line.run('L1', 'open', null)).toThrow(/UNIQUE/);
    // Matched without a match, or a match on an open line: never.
    expect(() => line.run('L2', 'matched', null)).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO recon_write_offs (session_id, side, line_id, amount_minor, reason, status, proposed_by, proposed_at) VALUES ('A@2026-11-25', 'statement', 'L1', -1500, 'fee', 'pending', 'recon1', 't')",
    ).run();
    // Maker-checker in the schema too: the proposer cannot be the approver.
    expect(() => db.prepare("UPDATE recon_write_offs SET status = 'approved', decided_by = 'recon1' WHERE id = 1").run()).toThrow(/CHECK/);
    db.prepare("UPDATE recon_write_offs SET status = 'approved', decided_by = 'super1' WHERE id = 1").run();
    expect(db.prepare('SELECT decided_by FROM recon_write_offs').pluck().get()).toBe('super1');
  });
});
