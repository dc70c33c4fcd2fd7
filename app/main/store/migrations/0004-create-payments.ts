import type { Migration } from '../migration';

/**
 * Payments, outgoing and incoming. Money is INTEGER minor units (fen). `seq` is the rowid and
 * the tie-breaker of every blotter order. The counterparty columns are derived (the other bank
 * and the other side's customer) so the blotter can filter and sort on them from an index.
 */
export const migration: Migration = {
  version: 4,
  name: 'create-payments',
  up(db) {
    db.exec(`
      CREATE TABLE payments (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('hvps', 'beps', 'bill', 'return')),
        priority INTEGER NOT NULL CHECK (priority IN (0, 1, 2)),
        status TEXT NOT NULL CHECK (status IN ('draft', 'verified', 'queued_offline', 'received', 'queued',
          'settled', 'netted', 'rejected', 'cancelled', 'returned', 'expired')),
        direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
        from_id TEXT NOT NULL REFERENCES participants (id),
        to_id TEXT NOT NULL REFERENCES participants (id),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        debtor_name TEXT NOT NULL,
        debtor_account TEXT NOT NULL,
        creditor_name TEXT NOT NULL,
        creditor_account TEXT NOT NULL,
        purpose TEXT NOT NULL,
        bill_number TEXT,
        bill_issue_date TEXT,
        bill_drawer TEXT,
        original_id TEXT,
        maker TEXT NOT NULL,
        checker TEXT,
        reason TEXT,
        note TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        business_date TEXT NOT NULL,
        counterparty_id TEXT GENERATED ALWAYS AS (CASE direction WHEN 'out' THEN to_id ELSE from_id END) VIRTUAL,
        counterparty_name TEXT GENERATED ALWAYS AS (CASE direction WHEN 'out' THEN creditor_name ELSE debtor_name END) VIRTUAL,
        CHECK (from_id <> to_id),
        CHECK (checker IS NULL OR checker <> maker),
        CHECK ((kind = 'bill') = (bill_number IS NOT NULL))
      ) STRICT;
      -- The verification queue: drafts in capture order.
      CREATE INDEX payments_status ON payments (status);
    `);
  },
};
