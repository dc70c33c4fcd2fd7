import type { Migration } from '../migration';

/**
 * The console's own messages (sync refusals, cycle mismatches, day change, risk holds) are
 * notices; "alert" is kept for risk alerts (risk_alerts), so one word means one thing. Rows,
 * ids and acknowledgements are kept as they are.
 */
export const migration: Migration = {
  version: 8,
  name: 'rename-alerts-to-notices',
  up(db) {
    db.exec(`
      ALTER TABLE alerts RENAME TO notices;
      DROP INDEX alerts_open;
      CREATE INDEX notices_open ON notices (acknowledged_at, at);
    `);
  },
};
