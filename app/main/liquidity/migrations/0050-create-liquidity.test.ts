import { describe, it, expect } from 'vitest';
import { memoryStore } from '../../store/test-support/test-store';
import { migrate } from '../../store/migrate';
import { LIQUIDITY_MIGRATIONS } from '../liquidity-migrations';

describe('liquidity migration 0050', () => {
  it('creates one controls row and proposals that a second person decides', () => {
    const db = memoryStore();
    expect(migrate(db, LIQUIDITY_MIGRATIONS)).toEqual([50]);
    expect(migrate(db, LIQUIDITY_MIGRATIONS)).toEqual([]);
    const controls = db.prepare('INSERT INTO liquidity_controls (id, business_date, controls, warning_below, feed_seq, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    controls.run(1, '2026-11-26', '{}', 0, 5, 't');
    expect(() => controls.run(2, '2026-11-26', '{}', 0, 5, 't')).toThrow(/CHECK/);
    const propose = db.prepare("INSERT INTO liquidity_proposals (id, kind, payload, note, status, proposed_by, proposed_at) VALUES (?, ?, '{}', 'n', 'proposed', 'super1', 't')");
    propose.run('A', 'liquidity.reserve');
    expect(() => propose.run('B', 'liquidity.credit')).toThrow(/CHECK/);
    // The proposer never decides their own change; an approval always has its outbox row.
    expect(() => db.prepare("UPDATE liquidity_proposals SET status = 'approved', decided_by = 'super1', outbox_seq = 1 WHERE id = 'A'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE liquidity_proposals SET status = 'approved', decided_by = 'super2' WHERE id = 'A'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE liquidity_proposals SET status = 'approved', decided_by = 'super2', outbox_seq = 1 WHERE id = 'A'").run();
    expect(db.prepare("SELECT status, decided_by FROM liquidity_proposals WHERE id = 'A'").get()).toEqual({ status: 'approved', decided_by: 'super2' });
  });
});
