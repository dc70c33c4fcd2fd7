import type { Migration } from '../../store/migration';

/**
 * The console's payment archive (docs/archive.md): which business days left the payments
 * table for files under <data>/archive, and which payment ids went with each, so the blotter
 * can say at once where an archived payment is (the row itself is read from the day's file).
 */
export const migration: Migration = {
  version: 80,
  name: 'create-payment-archive',
  up(db) {
    db.exec(`
      -- One row per archive file set; a day archived again (rows that came late) gets another.
      CREATE TABLE payment_archive_files (
        location TEXT PRIMARY KEY,
        business_date TEXT NOT NULL,
        archived_at TEXT NOT NULL,
        manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
        payments INTEGER NOT NULL CHECK (payments >= 0)
      ) STRICT;
      CREATE TABLE archived_payments (
        id TEXT PRIMARY KEY,
        location TEXT NOT NULL REFERENCES payment_archive_files (location)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
