import type { Migration } from '../migration';
import type { Db } from '../open-database';
import { rebuildPayments } from '../rebuild-payments';

/**
 * Payments may be `held`: stopped by risk between verification and the outbox (docs/risk.md
 * "Payment status `held`"). SQLite cannot change a CHECK in place, so this is the table rebuild
 * of ../rebuild-payments.ts (every row copied; indexes, triggers and views other areas put on
 * payments, such as 0005's and 0023's, made again from their own SQL).
 *
 * Core, not risk: the payments table and its CHECK belong to the console core, the status list
 * is the shared domain's (PAYMENT_STATUSES), and the CHECK must accept every status of that
 * list on every console, whichever extensions it runs.
 */

/** The stored (not generated) columns, in table order: what the copy moves. */
const STORED_COLUMNS = [
  'seq', 'id', 'kind', 'priority', 'status', 'direction', 'from_id', 'to_id', 'amount_minor', 'currency',
  'debtor_name', 'debtor_account', 'creditor_name', 'creditor_account', 'purpose', 'bill_number', 'bill_issue_date',
  'bill_drawer', 'original_id', 'maker', 'checker', 'reason', 'note', 'created_at', 'updated_at', 'business_date',
] as const;
const GENERATED_COLUMNS = ['counterparty_id', 'counterparty_name'] as const;

/** 0004's table with `held` among the statuses; nothing else differs. */
const CREATE_NEW_PAYMENTS = `
  CREATE TABLE payments_new (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('hvps', 'beps', 'bill', 'return')),
    priority INTEGER NOT NULL CHECK (priority IN (0, 1, 2)),
    status TEXT NOT NULL CHECK (status IN ('draft', 'verified', 'held', 'queued_offline', 'received', 'queued',
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
  ) STRICT`;

/** A column someone added to payments would be lost by the copy: refuse rather than drop data. */
function assertColumnsAsExpected(db: Db): void {
  const found = db.prepare("SELECT name FROM pragma_table_xinfo('payments') ORDER BY cid").pluck().all() as string[];
  const expected = [...STORED_COLUMNS, ...GENERATED_COLUMNS];
  if (found.join(',') !== expected.join(',')) {
    throw new Error(`0007: payments has columns [${found.join(', ')}], expected [${expected.join(', ')}]; rebuild refused`);
  }
}

export const migration: Migration = {
  version: 7,
  name: 'allow-held-payments',
  up(db) {
    assertColumnsAsExpected(db);
    rebuildPayments(db, CREATE_NEW_PAYMENTS, STORED_COLUMNS, '0007');
  },
};
