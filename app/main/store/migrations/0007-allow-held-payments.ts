import type { Migration } from '../migration';
import type { Db } from '../open-database';

/**
 * Payments may be `held`: stopped by risk between verification and the outbox (docs/risk.md
 * "Payment status `held`"). SQLite cannot change a CHECK in place, so this is the rebuild its
 * documentation prescribes: a new table, every row copied, the old one dropped, the new one
 * renamed, then every index, trigger and view that named the old table made again from its own
 * SQL, so whatever other areas added to `payments` (0005 blotter indexes, 0023 the risk history
 * index, any later one) survives without this file knowing it. It runs in the migration's
 * transaction; `PRAGMA foreign_keys` cannot change there, so instead it refuses to run if a
 * table refers to payments (DROP TABLE would delete their parent rows) and checks
 * `PRAGMA foreign_key_check` before it commits.
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

interface SchemaObject { type: 'index' | 'trigger' | 'view'; name: string; tbl_name: string; sql: string }

/** A column someone added to payments would be lost by the copy: refuse rather than drop data. */
function assertColumnsAsExpected(db: Db): void {
  const found = db.prepare("SELECT name FROM pragma_table_xinfo('payments') ORDER BY cid").pluck().all() as string[];
  const expected = [...STORED_COLUMNS, ...GENERATED_COLUMNS];
  if (found.join(',') !== expected.join(',')) {
    throw new Error(`0007: payments has columns [${found.join(', ')}], expected [${expected.join(', ')}]; rebuild refused`);
  }
}

function assertNothingRefersToPayments(db: Db): void {
  const children = db.prepare(
    `SELECT m.name FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table' AND f."table" = 'payments'`,
  ).pluck().all() as string[];
  if (children.length > 0) throw new Error(`0007: tables refer to payments (${children.join(', ')}); the rebuild would delete their parents`);
}

export const migration: Migration = {
  version: 7,
  name: 'allow-held-payments',
  up(db) {
    assertColumnsAsExpected(db);
    assertNothingRefersToPayments(db);
    // Indexes and triggers on payments go with the table; views and other tables' triggers that
    // name it would block the rename (SQLite re-checks the schema), so they are set aside too.
    const dependants = db.prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_master
        WHERE sql IS NOT NULL AND type IN ('index', 'trigger', 'view')
          AND (tbl_name = 'payments' OR (type <> 'index' AND sql LIKE '%payments%'))
        ORDER BY rowid`,
    ).all() as SchemaObject[];
    for (const d of dependants) {
      if (d.tbl_name !== 'payments') db.exec(`DROP ${d.type.toUpperCase()} "${d.name.replaceAll('"', '""')}"`);
    }
    const columns = STORED_COLUMNS.join(', ');
    db.exec(CREATE_NEW_PAYMENTS);
    db.exec(`INSERT INTO payments_new (${columns}) SELECT ${columns} FROM payments ORDER BY seq`);
    db.exec('DROP TABLE payments');
    db.exec('ALTER TABLE payments_new RENAME TO payments');
    for (const d of dependants) db.exec(d.sql);
    const broken = db.prepare('PRAGMA foreign_key_check').all();
    if (broken.length > 0) throw new Error(`0007: foreign key check failed after the rebuild: ${JSON.stringify(broken)}`);
  },
};
