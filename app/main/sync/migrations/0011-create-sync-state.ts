import type { Migration } from '../../store/migration';

/**
 * The sync link's own counters, each changed in the transaction whose data it describes:
 * device_seq (last mutation seq assigned), acked_seq (the house's lastSeq for this device),
 * pull_cursor (the feed position of the last applied page).
 */
export const migration: Migration = {
  version: 11,
  name: 'create-sync-state',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY CHECK (key IN ('device_seq', 'acked_seq', 'pull_cursor', 'house_account')),
        value TEXT NOT NULL
      ) STRICT;
      INSERT INTO sync_state (key, value) VALUES ('device_seq', '0'), ('acked_seq', '0'), ('pull_cursor', '');
    `);
  },
};
