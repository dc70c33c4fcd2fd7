import type { Migration } from '../../store/migration';

/**
 * The outbox: one row per mutation this device sends to the house, numbered by the device's
 * gap-free sequence (`seq`, the protocol's mutation seq). Written in the same transaction as
 * the verified payment; rows stay after they are acknowledged, with the house's answer, so a
 * replay and an audit can both see what was sent and what came back.
 */
export const migration: Migration = {
  version: 10,
  name: 'create-sync-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE sync_outbox (
        seq INTEGER PRIMARY KEY CHECK (seq > 0),
        mutation_id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (type IN ('payment.submit')),
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        acked_at TEXT,
        result TEXT CHECK (result IN ('accepted', 'rejected')),
        code TEXT,
        message TEXT
      ) STRICT;
    `);
  },
};
