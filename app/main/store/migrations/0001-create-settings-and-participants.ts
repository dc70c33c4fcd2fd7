import type { Migration } from '../migration';

/** Console-wide settings (own participant, business date, device id) and the participant directory. */
export const migration: Migration = {
  version: 1,
  name: 'create-settings-and-participants',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        bank_code TEXT NOT NULL UNIQUE CHECK (length(bank_code) = 12),
        is_self INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1)),
        balance_minor INTEGER NOT NULL DEFAULT 0,
        net_debit_cap_minor INTEGER NOT NULL DEFAULT 0 CHECK (net_debit_cap_minor >= 0)
      ) STRICT;
      -- At most one participant is this console's own bank.
      CREATE UNIQUE INDEX participants_one_self ON participants (is_self) WHERE is_self = 1;
    `);
  },
};
