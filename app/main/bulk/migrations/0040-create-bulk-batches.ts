import type { Migration } from '../../store/migration';

/**
 * Bulk payment files from corporate customers (docs/bulk-import.md): a batch per imported file
 * and its lines exactly as the file gave them (`raw`, JSON), with the line's state and its
 * current errors (JSON). A line becomes a payment (`payment_id`) when the batch is verified.
 */
export const migration: Migration = {
  version: 40,
  name: 'create-bulk-batches',
  up(db) {
    db.exec(`
      CREATE TABLE bulk_batches (
        id TEXT PRIMARY KEY,
        format TEXT NOT NULL CHECK (format IN ('pain.001', 'csv')),
        version TEXT NOT NULL,
        message_id TEXT,
        file_name TEXT,
        file_sha256 TEXT NOT NULL,
        business_date TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'verified')),
        imported_by TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        verified_by TEXT,
        verified_at TEXT,
        CHECK (verified_by IS NULL OR verified_by <> imported_by)
      ) STRICT;
      CREATE INDEX bulk_batches_date ON bulk_batches (business_date, id);
      CREATE TABLE bulk_lines (
        batch_id TEXT NOT NULL REFERENCES bulk_batches (id),
        line INTEGER NOT NULL,
        raw TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('valid', 'invalid', 'dropped', 'submitted')),
        errors TEXT NOT NULL,
        accept_duplicate INTEGER NOT NULL DEFAULT 0 CHECK (accept_duplicate IN (0, 1)),
        payment_id TEXT,
        note TEXT,
        PRIMARY KEY (batch_id, line)
      ) STRICT;
      CREATE INDEX bulk_lines_payment ON bulk_lines (payment_id) WHERE payment_id IS NOT NULL;
    `);
  },
};
