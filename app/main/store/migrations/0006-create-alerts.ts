import type { Migration } from '../migration';

/** Alerts shown in the console's alert area (risk, sync, end of day ...). */
export const migration: Migration = {
  version: 6,
  name: 'create-alerts',
  up(db) {
    db.exec(`
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
        message TEXT NOT NULL,
        message_zh TEXT NOT NULL,
        payment_id TEXT,
        acknowledged_by TEXT,
        acknowledged_at TEXT
      ) STRICT;
      CREATE INDEX alerts_open ON alerts (acknowledged_at, at);
    `);
  },
};
