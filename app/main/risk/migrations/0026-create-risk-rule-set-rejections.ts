import type { Migration } from '../../store/migration';

/**
 * Rejected (or withdrawn) rule-set proposals. A separate table rather than columns on
 * risk_rule_sets, so 0020's rows and CHECKs stay as they are. The triggers hold "approved or
 * rejected, never both" even if application code were bypassed.
 */
export const migration: Migration = {
  version: 26,
  name: 'create-risk-rule-set-rejections',
  up(db) {
    db.exec(`
      CREATE TABLE risk_rule_set_rejections (
        version INTEGER PRIMARY KEY REFERENCES risk_rule_sets (version),
        rejected_by TEXT NOT NULL,
        rejected_at TEXT NOT NULL,
        note TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 2000)
      ) STRICT;
      CREATE TRIGGER risk_rule_set_rejections_not_approved BEFORE INSERT ON risk_rule_set_rejections
        WHEN (SELECT approver FROM risk_rule_sets WHERE version = NEW.version) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'an approved rule set cannot be rejected'); END;
      CREATE TRIGGER risk_rule_sets_rejected_not_approved BEFORE UPDATE OF approver ON risk_rule_sets
        WHEN NEW.approver IS NOT NULL AND EXISTS (SELECT 1 FROM risk_rule_set_rejections WHERE version = NEW.version)
        BEGIN SELECT RAISE(ABORT, 'a rejected rule set cannot be approved'); END;
    `);
  },
};
