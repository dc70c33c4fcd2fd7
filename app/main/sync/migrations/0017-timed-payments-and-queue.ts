import type { Migration } from '../../store/migration';
import type { Db } from '../../store/open-database';
import { rebuildPayments } from '../../store/rebuild-payments';
import { PAYMENT_STATUSES } from '../../../shared/domain/payment';

/**
 * Timed and warehoused payments and the bank's queue (DESIGN 4.1, docs/liquidity-console.md):
 * - payments may be `scheduled` (the house's status for a payment waiting for its time or
 *   day): the status CHECK is rebuilt from PAYMENT_STATUSES (the table rebuild of
 *   store/rebuild-payments.ts, from the table's own SQL, so columns and indexes other areas
 *   added survive);
 * - the timing a clerk captured: `earliest_time` / `latest_time` ("HH:MM", business clock,
 *   UTC+8) and `value_date`, carried in payment.submit;
 * - `queue_key`: the order of the bank's own queue as the console knows it (the arrival order
 *   it saw, moved by accepted reorders); the house's queue is the authority;
 * - `payment_status_history`: every status an own payment took as the pull told it, with the
 *   time it was told, for the queue depth and value over the day.
 * Sync-owned: only a console linked to a house sees these statuses or sends timing.
 */
const TABLE_NAME = /^CREATE TABLE\s+(?:"payments"|payments|'payments'|\[payments\])\s*\(/;
const STATUS_CHECK = /CHECK\s*\(\s*status\s+IN\s*\([^)]*\)\s*\)/;

function createNewSql(db: Db): string {
  const sql = db.prepare<[], string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'payments'").pluck().get();
  if (sql === undefined || !TABLE_NAME.test(sql) || !STATUS_CHECK.test(sql)) throw new Error(`0017: payments is not the table this migration knows: ${sql ?? 'missing'}`);
  const statuses = PAYMENT_STATUSES.map((s) => `'${s}'`).join(', ');
  return sql.replace(TABLE_NAME, 'CREATE TABLE payments_new (').replace(STATUS_CHECK, `CHECK (status IN (${statuses}))`);
}

const HHMM = (column: string) => `CHECK (${column} IS NULL OR (length(${column}) = 5 AND ${column} GLOB '[0-2][0-9]:[0-5][0-9]'))`;

export const migration: Migration = {
  version: 17,
  name: 'timed-payments-and-queue',
  up(db) {
    // hidden = 0: stored columns (generated ones are 2 or 3 and are derived again).
    const stored = db.prepare<[], string>("SELECT name FROM pragma_table_xinfo('payments') WHERE hidden = 0 ORDER BY cid").pluck().all();
    rebuildPayments(db, createNewSql(db), stored, '0017');
    db.exec(`
      ALTER TABLE payments ADD COLUMN earliest_time TEXT ${HHMM('earliest_time')};
      ALTER TABLE payments ADD COLUMN latest_time TEXT ${HHMM('latest_time')};
      ALTER TABLE payments ADD COLUMN value_date TEXT CHECK (value_date IS NULL OR (length(value_date) = 10 AND value_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'));
      ALTER TABLE payments ADD COLUMN queue_key INTEGER;
      CREATE INDEX payments_waiting ON payments (priority, queue_key, seq) WHERE direction = 'out' AND status IN ('queued', 'scheduled');
      CREATE TABLE payment_status_history (
        seq INTEGER PRIMARY KEY,
        payment_id TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        business_date TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payment_status_history_date ON payment_status_history (business_date, seq);
    `);
  },
};
