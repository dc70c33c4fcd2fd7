import type { Migration } from '../../store/migration';

/**
 * What the house publishes beyond payments: closed cycles as this bank saw them and its
 * settlement account statement lines (net settlements, liquidity, day closes). Amounts are
 * INTEGER fen; the full change as received is kept in `data` for reconciliation.
 */
export const migration: Migration = {
  version: 12,
  name: 'create-house-feed',
  up(db) {
    db.exec(`
      CREATE TABLE house_cycles (
        business_date TEXT NOT NULL,
        cycle_id TEXT NOT NULL,
        net_minor INTEGER NOT NULL,
        bilateral TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (business_date, cycle_id)
      ) STRICT;
      CREATE TABLE house_statement_entries (
        entry_id TEXT PRIMARY KEY,
        business_date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('net', 'liquidity', 'closing')),
        amount_minor INTEGER NOT NULL,
        balance_after_minor INTEGER,
        data TEXT NOT NULL,
        feed_seq INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX house_statement_entries_date ON house_statement_entries (business_date, feed_seq);
    `);
  },
};
