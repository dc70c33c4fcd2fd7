import type { Migration } from '../migration';

/** Operators with argon2id password hashes, roles as a JSON array, and lock-out state. */
export const migration: Migration = {
  version: 2,
  name: 'create-operators',
  up(db) {
    db.exec(`
      CREATE TABLE operators (
        username TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        roles TEXT NOT NULL CHECK (json_valid(roles) AND json_array_length(roles) > 0),
        failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
