import type { Migration } from '../../store/migration';

/**
 * Templates for repeat payments (docs/bulk-import.md, "Templates"): the voucher a customer pays
 * again and again, written by a clerk, approved by a supervisor who did not write it (the
 * schema refuses the author as approver too), retired when no longer used.
 */
export const migration: Migration = {
  version: 41,
  name: 'create-payment-templates',
  up(db) {
    db.exec(`
      CREATE TABLE payment_templates (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('hvps', 'beps')),
        priority INTEGER NOT NULL CHECK (priority IN (0, 1, 2)),
        to_id TEXT NOT NULL,
        debtor_name TEXT NOT NULL,
        debtor_account TEXT NOT NULL,
        creditor_name TEXT NOT NULL,
        creditor_account TEXT NOT NULL,
        purpose TEXT NOT NULL,
        amount_minor INTEGER CHECK (amount_minor IS NULL OR amount_minor > 0),
        status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'retired')),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        approved_by TEXT,
        approved_at TEXT,
        retired_by TEXT,
        retired_at TEXT,
        retire_note TEXT,
        CHECK (approved_by IS NULL OR approved_by <> created_by),
        CHECK (status <> 'approved' OR approved_by IS NOT NULL)
      ) STRICT;
      CREATE INDEX payment_templates_status ON payment_templates (status, name);
    `);
  },
};
