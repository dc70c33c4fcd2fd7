import type { Migration } from '../../store/migration';

/**
 * Reconciliation sessions (one per account and business date), the books and statement lines
 * they hold, the matches between them, the files imported and the write-offs awaiting or given
 * a supervisor's approval. Money is INTEGER fen, signed from the account holder's view
 * (+ credit, - debit). A line is keyed by (session, side, id): re-importing it changes nothing.
 */
export const migration: Migration = {
  version: 30,
  name: 'create-recon-sessions',
  up(db) {
    db.exec(`
      CREATE TABLE recon_sessions (
        id TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        business_date TEXT NOT NULL,
        currency TEXT NOT NULL,
        opening_minor INTEGER,
        closing_minor INTEGER,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        opened_by TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_by TEXT,
        closed_at TEXT,
        UNIQUE (account, business_date)
      ) STRICT;
      CREATE TABLE recon_imports (
        session_id TEXT NOT NULL REFERENCES recon_sessions (id),
        file_hash TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('books', 'statement')),
        format TEXT NOT NULL,
        file_name TEXT,
        line_count INTEGER NOT NULL,
        imported_by TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (session_id, side, file_hash)
      ) STRICT;
      CREATE TABLE recon_matches (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES recon_sessions (id),
        kind TEXT NOT NULL CHECK (kind IN ('auto', 'manual')),
        rule TEXT NOT NULL,
        score REAL NOT NULL,
        difference_minor INTEGER NOT NULL,
        reason TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX recon_matches_session ON recon_matches (session_id);
      CREATE TABLE recon_lines (
        session_id TEXT NOT NULL REFERENCES recon_sessions (id),
        side TEXT NOT NULL CHECK (side IN ('books', 'statement')),
        line_id TEXT NOT NULL,
        source TEXT NOT NULL,
        line_date TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        reference TEXT,
        end_to_end_id TEXT,
        counterparty TEXT,
        description TEXT,
        import_hash TEXT,
        state TEXT NOT NULL DEFAULT 'open'
          CHECK (state IN ('open', 'matched', 'write_off_pending', 'written_off', 'carried_forward')),
        match_id INTEGER REFERENCES recon_matches (id),
        -- Set when a person unmatched the line: auto-match leaves it to people from then on.
        manual_only INTEGER NOT NULL DEFAULT 0,
        owner TEXT,
        note TEXT,
        carried_from TEXT,
        PRIMARY KEY (session_id, side, line_id),
        CHECK ((state = 'matched') = (match_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX recon_lines_match ON recon_lines (match_id) WHERE match_id IS NOT NULL;
      CREATE TABLE recon_write_offs (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES recon_sessions (id),
        side TEXT NOT NULL,
        line_id TEXT NOT NULL,
        amount_minor INTEGER NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
        proposed_by TEXT NOT NULL,
        proposed_at TEXT NOT NULL,
        decided_by TEXT,
        decided_at TEXT,
        decision_note TEXT,
        -- Maker-checker: the person who proposes a write-off never approves it.
        CHECK (decided_by IS NULL OR decided_by <> proposed_by),
        FOREIGN KEY (session_id, side, line_id) REFERENCES recon_lines (session_id, side, line_id)
      ) STRICT;
      CREATE INDEX recon_write_offs_session ON recon_write_offs (session_id);
    `);
  },
};
