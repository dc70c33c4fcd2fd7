import type { Migration } from '../../store/migration';

/**
 * Versions of the risk rules. A version is proposed by one officer and applies once another
 * approves it (four-eyes); the CHECK keeps an author from approving their own version even if
 * application code were bypassed. params and bands are JSON as in ruleSetSchema.
 */
export const migration: Migration = {
  version: 20,
  name: 'create-risk-rule-sets',
  up(db) {
    db.exec(`
      CREATE TABLE risk_rule_sets (
        version INTEGER PRIMARY KEY CHECK (version >= 1),
        params TEXT NOT NULL CHECK (json_valid(params)),
        bands TEXT NOT NULL CHECK (json_valid(bands)),
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        approver TEXT,
        approved_at TEXT,
        note TEXT NOT NULL CHECK (length(note) > 0),
        CHECK (approver IS NULL OR approver <> author),
        CHECK ((approver IS NULL) = (approved_at IS NULL))
      ) STRICT;
    `);
  },
};
