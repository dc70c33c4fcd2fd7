import type { Migration } from '../migration';

/**
 * The counterparty of a bill (docs/console-backend.md "Bills: which bank is which"). A bill
 * keeps the engine's convention on rows pulled from the house — `from` is the paying bank — so
 * the other bank of a bill presented against us is `to` (the presenting bank), not `from` (us);
 * and the other side's customer of any bill is the opposite of a payment's: the drawer (debtor)
 * when we present, the payee (creditor) when a bill is presented against us.
 *
 * The counterparty columns are generated, so they are dropped and added again with the new
 * expressions (SQLite allows both for VIRTUAL columns); the indexes on them (0005, and any
 * later one) are set aside and made again from their own SQL. Inbound bills the demo loader
 * wrote the other way round (`to` = this bank) are turned to the engine's convention first.
 */
export const COUNTERPARTY_ID_SQL = `CASE WHEN direction = 'out' OR kind = 'bill' THEN to_id ELSE from_id END`;
export const COUNTERPARTY_NAME_SQL = `CASE WHEN (direction = 'out') = (kind = 'bill') THEN debtor_name ELSE creditor_name END`;

export const migration: Migration = {
  version: 9,
  name: 'bill-counterparty',
  up(db) {
    const indexes = db.prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master
        WHERE type = 'index' AND tbl_name = 'payments' AND sql IS NOT NULL AND sql LIKE '%counterparty%' ORDER BY rowid`,
    ).all();
    for (const index of indexes) db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
    db.exec(`
      UPDATE payments SET from_id = to_id, to_id = from_id
       WHERE kind = 'bill' AND direction = 'in' AND to_id = (SELECT id FROM participants WHERE is_self = 1);
      ALTER TABLE payments DROP COLUMN counterparty_name;
      ALTER TABLE payments DROP COLUMN counterparty_id;
      ALTER TABLE payments ADD COLUMN counterparty_id TEXT GENERATED ALWAYS AS (${COUNTERPARTY_ID_SQL}) VIRTUAL;
      ALTER TABLE payments ADD COLUMN counterparty_name TEXT GENERATED ALWAYS AS (${COUNTERPARTY_NAME_SQL}) VIRTUAL;
    `);
    for (const index of indexes) db.exec(index.sql);
  },
};
