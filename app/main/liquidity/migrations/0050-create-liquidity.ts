import type { Migration } from '../../store/migration';

/**
 * Liquidity management (DESIGN 4.1, docs/liquidity-console.md):
 * - `liquidity_controls`: the last known controls from the pull feed's `liquidity` change (one
 *   row; `controls` is the change as the house sent it, decimal strings, validated on read), and
 *   whether available is below the warning threshold, so a warning is told once per crossing.
 * - `liquidity_proposals`: a supervisor's proposed change (reservation, limits, threshold) as
 *   the sync payload it becomes; a different supervisor approves it (then it is in the outbox
 *   at `outbox_seq`) or rejects it. The house's answer is kept beside it.
 */
export const migration: Migration = {
  version: 50,
  name: 'create-liquidity',
  up(db) {
    db.exec(`
      CREATE TABLE liquidity_controls (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        business_date TEXT NOT NULL,
        controls TEXT NOT NULL,
        warning_below INTEGER NOT NULL DEFAULT 0 CHECK (warning_below IN (0, 1)),
        feed_seq INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE liquidity_proposals (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('liquidity.reserve', 'liquidity.limits', 'liquidity.warning')),
        payload TEXT NOT NULL,
        note TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
        proposed_by TEXT NOT NULL,
        proposed_at TEXT NOT NULL,
        decided_by TEXT,
        decided_at TEXT,
        decide_note TEXT,
        outbox_seq INTEGER,
        house_result TEXT CHECK (house_result IN ('accepted', 'rejected')),
        house_code TEXT,
        CHECK (decided_by IS NULL OR decided_by <> proposed_by),
        CHECK ((status = 'approved') = (outbox_seq IS NOT NULL))
      ) STRICT;
      CREATE INDEX liquidity_proposals_open ON liquidity_proposals (status, proposed_at);
    `);
  },
};
