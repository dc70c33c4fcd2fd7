import type { Migration } from '../../store/migration';

/**
 * The risk officer's queue. One alert per payment (the payment's evaluation and screening as
 * JSON, for the detail pane), its decisions in order, and cases that group alerts.
 * status: open -> escalated -> released | rejected; above the four-eyes amount a release or
 * reject first waits as pending_release / pending_reject for a second officer (pending_by is
 * the first one). amount_minor is fen, for the four-eyes rule and sorting.
 */
export const migration: Migration = {
  version: 21,
  name: 'create-risk-alerts',
  up(db) {
    db.exec(`
      CREATE TABLE risk_cases (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL CHECK (length(title) > 0),
        opened_by TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_by TEXT,
        closed_at TEXT,
        CHECK ((closed_by IS NULL) = (closed_at IS NULL))
      ) STRICT;

      CREATE TABLE risk_case_notes (
        seq INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES risk_cases (id),
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        note TEXT NOT NULL CHECK (length(note) > 0)
      ) STRICT;
      CREATE INDEX risk_case_notes_case ON risk_case_notes (case_id, seq);

      CREATE TABLE risk_alerts (
        id TEXT PRIMARY KEY,
        payment_id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        sla_due_at TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        rule_set_version INTEGER NOT NULL,
        total_score INTEGER NOT NULL CHECK (total_score >= 0),
        decision TEXT NOT NULL CHECK (decision IN ('review', 'hold', 'reject')),
        hits TEXT NOT NULL CHECK (json_valid(hits)),
        screening TEXT NOT NULL CHECK (json_valid(screening)),
        status TEXT NOT NULL CHECK (status IN ('open', 'escalated', 'pending_release', 'pending_reject', 'released', 'rejected')),
        pending_by TEXT,
        assignee TEXT,
        case_id TEXT REFERENCES risk_cases (id),
        closed_at TEXT,
        CHECK ((status IN ('pending_release', 'pending_reject')) = (pending_by IS NOT NULL)),
        CHECK ((status IN ('released', 'rejected')) = (closed_at IS NOT NULL))
      ) STRICT;
      -- The queue grid: open work by status, oldest first, keyset on (created_at, id).
      CREATE INDEX risk_alerts_queue ON risk_alerts (status, created_at, id);
      CREATE INDEX risk_alerts_case ON risk_alerts (case_id) WHERE case_id IS NOT NULL;

      CREATE TABLE risk_alert_decisions (
        seq INTEGER PRIMARY KEY,
        alert_id TEXT NOT NULL REFERENCES risk_alerts (id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('escalate', 'release', 'reject', 'confirm', 'refuse')),
        status_after TEXT NOT NULL,
        note TEXT NOT NULL CHECK (length(trim(note)) > 0)
      ) STRICT;
      CREATE INDEX risk_alert_decisions_alert ON risk_alert_decisions (alert_id, seq);
    `);
  },
};
