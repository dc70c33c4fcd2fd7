import type { Migration } from '../migration';

/**
 * What the bank console keeps of the clearing centre's features (docs/centre-console.md):
 * - operators' TOTP second factor: the base32 secret once enrolled and the step of the last
 *   accepted code (a code is never accepted twice);
 * - the participant directory's status (行名行号: a suspended bank stays listed, marked);
 * - who has read which broadcast (公告), one row per operator and broadcast.
 */
export const migration: Migration = {
  version: 70,
  name: 'centre-console',
  up(db) {
    db.exec(`
      ALTER TABLE operators ADD COLUMN totp_secret TEXT CHECK (totp_secret IS NULL OR (length(totp_secret) = 32 AND totp_secret NOT GLOB '*[^A-Z2-7]*'));
      ALTER TABLE operators ADD COLUMN totp_last_step INTEGER CHECK (totp_last_step IS NULL OR totp_last_step >= 0);
      ALTER TABLE participants ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
      CREATE TABLE broadcast_reads (
        broadcast_id INTEGER NOT NULL CHECK (broadcast_id > 0),
        username TEXT NOT NULL,
        read_at TEXT NOT NULL,
        PRIMARY KEY (broadcast_id, username)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
