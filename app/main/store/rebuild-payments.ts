import type { Db } from './open-database';

/**
 * The table rebuild SQLite's documentation prescribes for a change ALTER TABLE cannot make
 * (a CHECK), applied to `payments`: a new table, every row copied, the old one dropped, the
 * new one renamed, then every index, trigger and view that named the old table made again
 * from its own SQL, so whatever other areas added to `payments` survives without the caller
 * knowing it. Runs in the migration's transaction; `PRAGMA foreign_keys` cannot change there,
 * so it refuses to run if a table refers to payments (DROP TABLE would delete their parent
 * rows) and checks `PRAGMA foreign_key_check` before it returns.
 *
 * `createNewSql` creates `payments_new`; `storedColumns` are what the copy moves (generated
 * columns are derived again by SQLite). `label` names the migration in errors.
 */
export function rebuildPayments(db: Db, createNewSql: string, storedColumns: readonly string[], label: string): void {
  assertNothingRefersToPayments(db, label);
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
  const columns = storedColumns.join(', ');
  db.exec(createNewSql);
  db.exec(`INSERT INTO payments_new (${columns}) SELECT ${columns} FROM payments ORDER BY seq`);
  db.exec('DROP TABLE payments');
  db.exec('ALTER TABLE payments_new RENAME TO payments');
  for (const d of dependants) db.exec(d.sql);
  const broken = db.prepare('PRAGMA foreign_key_check').all();
  if (broken.length > 0) throw new Error(`${label}: foreign key check failed after the rebuild: ${JSON.stringify(broken)}`);
}

interface SchemaObject { type: 'index' | 'trigger' | 'view'; name: string; tbl_name: string; sql: string }

function assertNothingRefersToPayments(db: Db, label: string): void {
  const children = db.prepare(
    `SELECT m.name FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table' AND f."table" = 'payments'`,
  ).pluck().all() as string[];
  if (children.length > 0) throw new Error(`${label}: tables refer to payments (${children.join(', ')}); the rebuild would delete their parents`);
}
