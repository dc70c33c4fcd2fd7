import type { Migration } from '../../store/migration';

/**
 * Files an officer adds to a case (a customer's explanation, a contract scan). Kept as blobs
 * in the store so they are backed up and audited with it; the CHECK holds the size limit even
 * if the code were bypassed (1 MiB: evidence, not archives).
 */
export const migration: Migration = {
  version: 25,
  name: 'create-risk-case-attachments',
  up(db) {
    db.exec(`
      CREATE TABLE risk_case_attachments (
        seq INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES risk_cases (id),
        file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        media_type TEXT NOT NULL,
        size_bytes INTEGER NOT NULL CHECK (size_bytes = length(content) AND size_bytes BETWEEN 1 AND 1048576),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        content BLOB NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX risk_case_attachments_case ON risk_case_attachments (case_id, seq);
    `);
  },
};
